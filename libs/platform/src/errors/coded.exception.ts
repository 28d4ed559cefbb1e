import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorBody, ErrorDetail, ErrorParams, statusText } from './error-body';

/** Every code that a `codedException` table declares, so a test can check each has its messages. */
export const DECLARED_ERROR_CODES = new Set<string>();

/** The catalogue key of a code's message (`errors.LOAN_CLOSED`), or of one part of it. */
export function errorKey(code: string, part?: string): string {
  return part ? `errors.${code}.${part}` : `errors.${code}`;
}

/**
 * One of the messages a code has (`errorPart(Code.LoanClosed, 'writeOff', { reference, status })`
 * → `errors.LOAN_CLOSED.writeOff`): for a code whose situations each say something else, or a
 * refusal of several problems at once.
 */
export function errorPart(code: string, part: string, params: ErrorParams = {}): ErrorDetail {
  return { key: errorKey(code, part), params };
}

/**
 * A refusal in Nest's error shape with a stable code and the HTTP status the gateway answers with
 * (it travels back over request–reply unchanged). `message` is English, for logs; the caller gets
 * the catalogue's message for the code in its language, with `params` filled in — or, for a refusal
 * of several problems, one message per detail.
 */
export class CodedException<TCode extends string = string> extends HttpException {
  constructor(
    readonly code: TCode,
    status: HttpStatus,
    message: string,
    details: ErrorParams | ErrorDetail[] = {},
  ) {
    const body: ErrorBody = {
      statusCode: status,
      message,
      error: statusText(status),
      code,
      details: Array.isArray(details) ? details : [{ key: errorKey(code), params: details }],
    };
    super(body, status);
  }
}

/**
 * The exception class of one feature, from its table of codes and statuses:
 * `export class LoanException extends codedException(LOAN_STATUS) {}`, thrown as
 * `new LoanException(Code.LoanClosed, 'Loan QL-… is repaid', { reference, status })`.
 * Each code needs its message in both languages in `errors/messages` (a test checks it).
 */
export function codedException<TCode extends string>(statuses: Record<TCode, HttpStatus>) {
  for (const code of Object.keys(statuses)) DECLARED_ERROR_CODES.add(code);
  return class extends CodedException<TCode> {
    constructor(code: TCode, message: string, details?: ErrorParams | ErrorDetail[]) {
      super(code, statuses[code], message, details);
    }
  };
}
