import { HttpException, HttpStatus } from '@nestjs/common';

/** "UNPROCESSABLE_ENTITY" → "Unprocessable Entity", as Nest's own errors say it. */
function statusText(status: HttpStatus): string {
  return HttpStatus[status]
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

/**
 * A refusal of this service in Nest's error shape: a code for logs and tests, the HTTP status the
 * gateway answers with (it travels back over request–reply unchanged).
 */
export class CodedException<TCode extends string> extends HttpException {
  constructor(
    readonly code: TCode,
    status: HttpStatus,
    message: string,
  ) {
    super({ statusCode: status, message, error: statusText(status), code }, status);
  }
}

/**
 * The exception class of one feature, from its table of codes and statuses:
 * `export class LoanException extends codedException(LOAN_STATUS) {}`.
 */
export function codedException<TCode extends string>(statuses: Record<TCode, HttpStatus>) {
  return class extends CodedException<TCode> {
    constructor(code: TCode, message: string) {
      super(code, statuses[code], message);
    }
  };
}
