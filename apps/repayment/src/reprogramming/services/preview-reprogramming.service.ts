import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReprogramLoanCommand, ReprogrammingPreviewView } from '@qollqa/contracts';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan } from '../../loans/entities/loan.entity';
import { assertMayReprogram, loanNotFound, reprogrammingRefused } from '../reprogramming.exception';
import { toReprogrammingPreviewView } from '../reprogramming.mapper';
import { LoanReprogrammer } from './loan-reprogrammer.service';

/**
 * A fund manager previews a reprogramming (POST /api/loans/{id}/reprogramming/preview): the plan
 * the reprogramming itself would apply at the business date, worked out by the same code, read in
 * one snapshot and written nowhere. The same refusals as the reprogramming.
 */
@Injectable()
export class PreviewReprogrammingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly reprogrammer: LoanReprogrammer,
  ) {}

  async execute({ actor, loanId, body }: ReprogramLoanCommand): Promise<ReprogrammingPreviewView> {
    assertMayReprogram(actor);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const businessDate = await this.businessDates.current(manager);
      const loan = await manager.findOneBy(Loan, { id: loanId });
      if (!loan) throw loanNotFound(loanId);
      const planned = await this.reprogrammer.plan(manager, loan, body, businessDate);
      if (planned.refusal) throw reprogrammingRefused(loan, planned.refusal);
      return toReprogrammingPreviewView(loan, planned.plan);
    });
  }
}
