import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LoanAccountView,
  MAX_REPROGRAMMING_DAYS_PAST_DUE,
  MAX_REPROGRAMMINGS,
  ReprogramLoanCommand,
  ReprogrammingRefusal,
} from '@qollqa/contracts';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan } from '../../loans/entities/loan.entity';
import { LoanQueries } from '../../loans/services/loan-queries.service';
import {
  ReprogrammingException,
  ReprogrammingExceptionCode as Code,
} from '../reprogramming.exception';
import { LoanReprogrammer } from './loan-reprogrammer.service';

/**
 * A fund manager reprograms one loan (POST /api/loans/{id}/reprogramming): under the loan's lock and
 * the shared business-date lock (no close runs meanwhile), in one transaction with its event. A loan
 * that is not eligible is refused with 422 and the rule it breaks.
 */
@Injectable()
export class ReprogramLoanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly reprogrammer: LoanReprogrammer,
    private readonly queries: LoanQueries,
  ) {}

  async execute({ actor, loanId, body }: ReprogramLoanCommand): Promise<LoanAccountView> {
    if (actor.role !== 'fund_manager') {
      throw new ReprogrammingException(
        Code.RoleNotAllowed,
        'Only a fund manager reprograms a loan',
        {
          role: actor.role,
        },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const businessDate = await this.businessDates.holdShared(manager);
      const loan = await manager.findOne(Loan, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan) {
        throw new ReprogrammingException(Code.LoanNotFound, `Loan ${loanId} not found`, {
          id: loanId,
        });
      }
      const outcome = await this.reprogrammer.reprogram(manager, loan, body, actor, businessDate);
      if (outcome.refusal) throw refused(loan, outcome.refusal);
      return this.queries.view(manager, loan);
    });
  }
}

function refused(loan: Loan, refusal: ReprogrammingRefusal): ReprogrammingException {
  switch (refusal) {
    case 'LOAN_NOT_ACTIVE':
      return new ReprogrammingException(
        Code.LoanNotActive,
        `Loan ${loan.reference} is ${loan.status}: only an active loan is reprogrammed`,
        { reference: loan.reference, status: loan.status },
      );
    case 'TOO_MANY_DAYS_PAST_DUE':
      return new ReprogrammingException(
        Code.TooManyDaysPastDue,
        `Loan ${loan.reference} is ${loan.daysPastDue} days past due: only a loan at most ${MAX_REPROGRAMMING_DAYS_PAST_DUE} days past due is reprogrammed`,
        {
          reference: loan.reference,
          daysPastDue: loan.daysPastDue,
          maximum: MAX_REPROGRAMMING_DAYS_PAST_DUE,
        },
      );
    case 'REPROGRAMMING_LIMIT_REACHED':
      return new ReprogrammingException(
        Code.LimitReached,
        `Loan ${loan.reference} was reprogrammed ${loan.reprogrammings} times: at most ${MAX_REPROGRAMMINGS}`,
        { reference: loan.reference, count: loan.reprogrammings, maximum: MAX_REPROGRAMMINGS },
      );
  }
}
