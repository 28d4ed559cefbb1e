import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum ReprogrammingExceptionCode {
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  LoanNotFound = 'LOAN_NOT_FOUND',
  /** Only an active loan (API.md: else 422). */
  LoanNotActive = 'LOAN_NOT_ACTIVE',
  /** More than 30 days past due at the business date. */
  TooManyDaysPastDue = 'TOO_MANY_DAYS_PAST_DUE',
  /** Reprogrammed twice already. */
  LimitReached = 'REPROGRAMMING_LIMIT_REACHED',
}

const STATUS: Record<ReprogrammingExceptionCode, HttpStatus> = {
  [ReprogrammingExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [ReprogrammingExceptionCode.LoanNotFound]: HttpStatus.NOT_FOUND,
  [ReprogrammingExceptionCode.LoanNotActive]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReprogrammingExceptionCode.TooManyDaysPastDue]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReprogrammingExceptionCode.LimitReached]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Every refusal of a reprogramming of one loan. */
export class ReprogrammingException extends codedException(STATUS) {}
