import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum LoanExceptionCode {
  NotFound = 'LOAN_NOT_FOUND',
  NotYours = 'LOAN_NOT_YOURS',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  LoanClosed = 'LOAN_CLOSED',
  ExternalRefReused = 'EXTERNAL_REF_REUSED',
  PaidOnOutOfRange = 'PAID_ON_OUT_OF_RANGE',
  MoreThanOwed = 'MORE_THAN_OWED',
  InvalidDisbursement = 'INVALID_DISBURSEMENT',
  RepaymentNotFound = 'REPAYMENT_NOT_FOUND',
  RepaymentAlreadyReversed = 'REPAYMENT_ALREADY_REVERSED',
  RepaymentNotLatest = 'REPAYMENT_NOT_LATEST',
  RepaymentDayClosed = 'REPAYMENT_DAY_CLOSED',
  RepaymentNotReversible = 'REPAYMENT_NOT_REVERSIBLE',
  /** The loan was reprogrammed after the repayment: its installments are no longer the ones it paid. */
  RepaymentBeforeReprogramming = 'REPAYMENT_BEFORE_REPROGRAMMING',
}

const STATUS: Record<LoanExceptionCode, HttpStatus> = {
  [LoanExceptionCode.NotFound]: HttpStatus.NOT_FOUND,
  [LoanExceptionCode.NotYours]: HttpStatus.FORBIDDEN,
  [LoanExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [LoanExceptionCode.LoanClosed]: HttpStatus.CONFLICT,
  [LoanExceptionCode.ExternalRefReused]: HttpStatus.CONFLICT,
  [LoanExceptionCode.PaidOnOutOfRange]: HttpStatus.UNPROCESSABLE_ENTITY,
  [LoanExceptionCode.MoreThanOwed]: HttpStatus.UNPROCESSABLE_ENTITY,
  // A loan.disbursed event that contradicts itself: dead-lettered, never retried.
  [LoanExceptionCode.InvalidDisbursement]: HttpStatus.BAD_REQUEST,
  [LoanExceptionCode.RepaymentNotFound]: HttpStatus.NOT_FOUND,
  [LoanExceptionCode.RepaymentAlreadyReversed]: HttpStatus.CONFLICT,
  [LoanExceptionCode.RepaymentNotLatest]: HttpStatus.CONFLICT,
  [LoanExceptionCode.RepaymentDayClosed]: HttpStatus.CONFLICT,
  // Recorded before repayments kept what is needed to undo them.
  [LoanExceptionCode.RepaymentNotReversible]: HttpStatus.CONFLICT,
  [LoanExceptionCode.RepaymentBeforeReprogramming]: HttpStatus.CONFLICT,
};

/** Every refusal about a loan, its repayments or its write-off. */
export class LoanException extends codedException(STATUS) {}
