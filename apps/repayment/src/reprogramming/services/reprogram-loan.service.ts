import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LoanAccountView, ReprogramLoanCommand } from '@qollqa/contracts';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan } from '../../loans/entities/loan.entity';
import { LoanQueries } from '../../loans/services/loan-queries.service';
import { assertMayReprogram, loanNotFound, reprogrammingRefused } from '../reprogramming.exception';
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
    assertMayReprogram(actor);
    return this.dataSource.transaction(async (manager) => {
      const businessDate = await this.businessDates.holdShared(manager);
      const loan = await manager.findOne(Loan, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan) throw loanNotFound(loanId);
      const outcome = await this.reprogrammer.reprogram(manager, loan, body, actor, businessDate);
      if (outcome.refusal) throw reprogrammingRefused(loan, outcome.refusal);
      return this.queries.view(manager, loan);
    });
  }
}
