import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum ApplicationExceptionCode {
  NotFound = 'APPLICATION_NOT_FOUND',
  NotYours = 'APPLICATION_NOT_YOURS',
  RoleMayNotDecide = 'ROLE_MAY_NOT_DECIDE',
  SameApprover = 'SAME_APPROVER',
  NotAwaitingDecision = 'NOT_AWAITING_DECISION',
  OutsideProductLimits = 'OUTSIDE_PRODUCT_LIMITS',
  GrantNotAllowed = 'GRANT_NOT_ALLOWED',
  BadCredentials = 'BAD_CREDENTIALS',
}

const STATUS: Record<ApplicationExceptionCode, HttpStatus> = {
  [ApplicationExceptionCode.NotFound]: HttpStatus.NOT_FOUND,
  [ApplicationExceptionCode.NotYours]: HttpStatus.FORBIDDEN,
  [ApplicationExceptionCode.RoleMayNotDecide]: HttpStatus.FORBIDDEN,
  [ApplicationExceptionCode.SameApprover]: HttpStatus.FORBIDDEN,
  [ApplicationExceptionCode.NotAwaitingDecision]: HttpStatus.CONFLICT,
  [ApplicationExceptionCode.OutsideProductLimits]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationExceptionCode.GrantNotAllowed]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationExceptionCode.BadCredentials]: HttpStatus.UNAUTHORIZED,
};

/** Every refusal of the applications feature: a code for the logs and tests, a status for the caller. */
export class ApplicationException extends codedException(STATUS) {}
