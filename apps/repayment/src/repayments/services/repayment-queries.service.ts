import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Page, PageQuery, RepaymentView } from '@qollqa/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { LoanQueries } from '../../loans/services/loan-queries.service';
import { Repayment } from '../entities/repayment.entity';
import { toRepaymentView } from '../repayment.mapper';

/**
 * Reads a loan's repayments, reversed ones included, oldest first (in the order they were applied).
 * Whoever may read the loan may read them: staff, and the family that owns it.
 */
@Injectable()
export class RepaymentQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loans: LoanQueries,
  ) {}

  async page(actor: Actor, loanId: string, query: PageQuery): Promise<Page<RepaymentView>> {
    await this.loans.readable(actor, loanId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.ofLoan(loanId)
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { items: rows.map(toRepaymentView), total, page, pageSize };
  }

  /** Every repayment of the loan, without paging (for an export). */
  async all(actor: Actor, loanId: string): Promise<RepaymentView[]> {
    await this.loans.readable(actor, loanId);
    return (await this.ofLoan(loanId).getMany()).map(toRepaymentView);
  }

  /** The listed columns only: the stored answer (`result`, a whole loan) is not read. */
  private ofLoan(loanId: string): SelectQueryBuilder<Repayment> {
    const columns: (keyof Repayment)[] = [
      'id',
      'seq',
      'externalRef',
      'amount',
      'paidOn',
      'moratoryInterest',
      'interest',
      'principal',
      'prepayment',
      'recordedBy',
      'recordedAt',
      'reversedAt',
      'reversedBy',
      'reversalReason',
    ];
    return this.dataSource.manager
      .createQueryBuilder(Repayment, 'r')
      .select(columns.map((column) => `r.${column}`))
      .where('r.loanId = :loanId', { loanId })
      .orderBy('r.seq', 'ASC');
  }
}
