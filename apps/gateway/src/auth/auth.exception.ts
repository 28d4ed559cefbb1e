import { HttpStatus } from '@nestjs/common';
import { CodedException, codedException } from '@qollqa/platform';

export enum AuthExceptionCode {
  TokenRequired = 'TOKEN_REQUIRED',
  TokenInvalid = 'TOKEN_INVALID',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  BadCredentials = 'BAD_CREDENTIALS',
}

const STATUS: Record<AuthExceptionCode, HttpStatus> = {
  [AuthExceptionCode.TokenRequired]: HttpStatus.UNAUTHORIZED,
  [AuthExceptionCode.TokenInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [AuthExceptionCode.BadCredentials]: HttpStatus.UNAUTHORIZED,
};

/** Refusals of sign-in, of a password check and of the token and role checks. */
export class AuthException extends codedException(STATUS) {}

/**
 * 429: too many failed sign-ins for an account or from a client address. The same answer whether
 * the account exists or not; `retryAfterSeconds` becomes the Retry-After header.
 */
export class TooManySignInsException extends CodedException<'TOO_MANY_ATTEMPTS'> {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      'TOO_MANY_ATTEMPTS',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-in attempts: try again in ${minutes} minutes`,
      { count: minutes },
    );
  }
}
