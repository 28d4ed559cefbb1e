import { HttpStatus } from '@nestjs/common';

/** The values a message interpolates: amounts, dates, references, limits. */
export type ErrorParams = Record<string, string | number>;

/**
 * One sentence of an error answer, as a key of the message catalogue (`errors.LOAN_CLOSED`,
 * `validation.maxLength`) and the values it interpolates. Services send these instead of finished
 * sentences, so the gateway can say them in the caller's language.
 */
export interface ErrorDetail {
  key: string;
  params?: ErrorParams;
}

/**
 * An error as it travels inside the system (a service's answer over request–reply, a stored
 * idempotent refusal): Nest's shape, the stable code, and the details to render. `message` is the
 * English text for logs; the gateway answers with the rendered one and drops `details`.
 */
export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code?: string;
  details?: ErrorDetail[];
}

/** "UNPROCESSABLE_ENTITY" → "Unprocessable Entity", as Nest's own errors say it. */
export function statusText(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

/** The code of an error that did not name one: one per status (a route's 404 is ROUTE_NOT_FOUND). */
export function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export function isErrorBody(value: unknown): value is ErrorBody {
  const candidate = value as ErrorBody;
  return typeof candidate?.statusCode === 'number' && candidate.message !== undefined;
}
