import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum CloseOfBusinessExceptionCode {
  AdminOnly = 'ADMIN_ONLY',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  DateAlreadyClosed = 'DATE_ALREADY_CLOSED',
  DateInFuture = 'DATE_IN_FUTURE',
  TooManyDays = 'TOO_MANY_DAYS',
}

const STATUS: Record<CloseOfBusinessExceptionCode, HttpStatus> = {
  [CloseOfBusinessExceptionCode.AdminOnly]: HttpStatus.FORBIDDEN,
  [CloseOfBusinessExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [CloseOfBusinessExceptionCode.DateAlreadyClosed]: HttpStatus.CONFLICT,
  [CloseOfBusinessExceptionCode.DateInFuture]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CloseOfBusinessExceptionCode.TooManyDays]: HttpStatus.UNPROCESSABLE_ENTITY,
};

export class CloseOfBusinessException extends codedException(STATUS) {}
