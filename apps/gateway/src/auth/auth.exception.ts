import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum AuthExceptionCode {
  TokenRequired = 'TOKEN_REQUIRED',
  TokenInvalid = 'TOKEN_INVALID',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  BadCredentials = 'BAD_CREDENTIALS',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
}

const STATUS: Record<AuthExceptionCode, HttpStatus> = {
  [AuthExceptionCode.TokenRequired]: HttpStatus.UNAUTHORIZED,
  [AuthExceptionCode.TokenInvalid]: HttpStatus.UNAUTHORIZED,
  [AuthExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [AuthExceptionCode.BadCredentials]: HttpStatus.UNAUTHORIZED,
  [AuthExceptionCode.TooManyAttempts]: HttpStatus.TOO_MANY_REQUESTS,
};

/** Refusals of sign-in and of the token and role checks. */
export class AuthException extends codedException(STATUS) {}
