import { HttpStatus } from '@nestjs/common';
import { CodedException, codedException } from '@qollqa/platform';

export enum AuthExceptionCode {
  BadCredentials = 'BAD_CREDENTIALS',
}

/** A refused sign-in or password check. */
export class AuthException extends codedException({
  [AuthExceptionCode.BadCredentials]: HttpStatus.UNAUTHORIZED,
}) {}

/**
 * 429: too many failed sign-ins for an account or from a client address. The same answer whether
 * the account exists or not; `retryAfterSeconds` becomes the Retry-After header.
 */
export class TooManySignInsException extends CodedException<'TOO_MANY_ATTEMPTS'> {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_ATTEMPTS',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-in attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
    );
  }
}
