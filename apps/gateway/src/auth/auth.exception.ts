import { HttpStatus } from '@nestjs/common';
import { CodedException, codedException, ErrorBody, ErrorDetail } from '@qollqa/platform';

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
 * What a refused sign-in tells beyond the contract's error shape, added to its body by
 * SignInFeedbackFilter: the failures left before a lock (401) and when a lock ends (429).
 */
export interface SignInFeedback {
  attemptsLeft?: number;
  retryAt?: string;
}

/** An error body as the gateway keeps it, with a sign-in's feedback beside the contract's fields. */
export type SignInErrorBody = ErrorBody & SignInFeedback;

/**
 * 401 BAD_CREDENTIALS of a password or PIN compared under the sign-in limits, with the failures
 * left before a lock (`attemptsLeft`, never negative).
 */
export class BadSignInException extends AuthException {
  constructor(message: string, details: ErrorDetail[], attemptsLeft: number) {
    super(AuthExceptionCode.BadCredentials, message, details);
    (this.getResponse() as SignInErrorBody).attemptsLeft = Math.max(0, Math.trunc(attemptsLeft));
  }
}

/**
 * 429: too many failed sign-ins for an account or from a client address. The same answer whether
 * the account exists or not; `retryAfterSeconds` becomes the Retry-After header and `retryAt` (when
 * the lock ends) a field of the body.
 */
export class TooManySignInsException extends CodedException<'TOO_MANY_ATTEMPTS'> {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, retryAt?: Date) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    const minutes = Math.ceil(seconds / 60);
    super(
      'TOO_MANY_ATTEMPTS',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-in attempts: try again in ${minutes} minutes`,
      { count: minutes },
    );
    this.retryAfterSeconds = seconds;
    const until = retryAt ?? new Date(Date.now() + seconds * 1000);
    (this.getResponse() as SignInErrorBody).retryAt = until.toISOString();
  }
}
