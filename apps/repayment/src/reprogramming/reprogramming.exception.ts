import { HttpStatus } from '@nestjs/common';
import {
  Actor,
  MAX_REPROGRAMMING_DAYS_PAST_DUE,
  MAX_REPROGRAMMINGS,
  ReprogrammingRefusal,
} from '@qollqa/contracts';
import { codedException } from '@qollqa/platform';
import { Loan } from '../loans/entities/loan.entity';

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

/** Only a fund manager reprograms a loan, or previews it. */
export function assertMayReprogram(actor: Actor): void {
  if (actor.role !== 'fund_manager') {
    throw new ReprogrammingException(
      ReprogrammingExceptionCode.RoleNotAllowed,
      'Only a fund manager reprograms a loan',
      { role: actor.role },
    );
  }
}

export function loanNotFound(loanId: string): ReprogrammingException {
  return new ReprogrammingException(
    ReprogrammingExceptionCode.LoanNotFound,
    `Loan ${loanId} not found`,
    { id: loanId },
  );
}

/** The rule of SPEC.md's eligibility a loan breaks, as the 422 a fund manager reads. */
export function reprogrammingRefused(
  loan: Loan,
  refusal: ReprogrammingRefusal,
): ReprogrammingException {
  switch (refusal) {
    case 'LOAN_NOT_ACTIVE':
      return new ReprogrammingException(
        ReprogrammingExceptionCode.LoanNotActive,
        `Loan ${loan.reference} is ${loan.status}: only an active loan is reprogrammed`,
        { reference: loan.reference, status: loan.status },
      );
    case 'TOO_MANY_DAYS_PAST_DUE':
      return new ReprogrammingException(
        ReprogrammingExceptionCode.TooManyDaysPastDue,
        `Loan ${loan.reference} is ${loan.daysPastDue} days past due: only a loan at most ${MAX_REPROGRAMMING_DAYS_PAST_DUE} days past due is reprogrammed`,
        {
          reference: loan.reference,
          daysPastDue: loan.daysPastDue,
          maximum: MAX_REPROGRAMMING_DAYS_PAST_DUE,
        },
      );
    case 'REPROGRAMMING_LIMIT_REACHED':
      return new ReprogrammingException(
        ReprogrammingExceptionCode.LimitReached,
        `Loan ${loan.reference} was reprogrammed ${loan.reprogrammings} times: at most ${MAX_REPROGRAMMINGS}`,
        { reference: loan.reference, count: loan.reprogrammings, maximum: MAX_REPROGRAMMINGS },
      );
  }
}
