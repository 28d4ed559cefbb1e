import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ListLoansQuery, LoanAccountView, Page } from '@qollqa/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Installment } from '../entities/installment.entity';
import { Loan } from '../entities/loan.entity';
import { LoanException, LoanExceptionCode as Code } from '../loan.exception';
import { toLoanView } from '../loan.mapper';

/** Reads loans: staff read all of them, an enterprise only its own. */
@Injectable()
export class LoanQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
  ) {}

  async get(actor: Actor, id: string): Promise<LoanAccountView> {
    return this.view(this.dataSource.manager, await this.readable(actor, id));
  }

  /** The loan, if the caller may read it: 404 when there is none, 403 when it is another family's. */
  async readable(actor: Actor, id: string): Promise<Loan> {
    const loan = await this.dataSource.manager.findOne(Loan, { where: { id } });
    if (!loan) throw new LoanException(Code.NotFound, `Loan ${id} not found`);
    if (actor.role === 'enterprise' && loan.enterpriseId !== actor.enterpriseId) {
      throw new LoanException(Code.NotYours, 'This loan belongs to another enterprise');
    }
    return loan;
  }

  /** The loan with its schedule, as of the business date, read with the caller's manager. */
  async view(manager: EntityManager, loan: Loan): Promise<LoanAccountView> {
    const installments = await manager.find(Installment, {
      where: { loanId: loan.id },
      order: { number: 'ASC' },
    });
    return toLoanView(loan, installments, await this.businessDates.current(manager));
  }

  /** Oldest disbursement first; an enterprise's list holds only its own loans. */
  async list(actor: Actor, query: ListLoansQuery): Promise<Page<LoanAccountView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const builder = this.dataSource.manager
      .createQueryBuilder(Loan, 'loan')
      .orderBy('loan.disbursed_on', 'ASC')
      .addOrderBy('loan.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (actor.role === 'enterprise') {
      builder.andWhere('loan.enterprise_id = :enterpriseId', { enterpriseId: actor.enterpriseId });
    }
    if (query.status) builder.andWhere('loan.status = :status', { status: query.status });
    if (query.classification) {
      builder.andWhere('loan.classification = :classification', {
        classification: query.classification,
      });
    }
    if (query.valueChain) {
      builder.andWhere('loan.value_chain = :valueChain', { valueChain: query.valueChain });
    }
    if (query.municipality) {
      builder.andWhere('lower(loan.municipality) = lower(:municipality)', {
        municipality: query.municipality.trim(),
      });
    }
    const [loans, total] = await builder.getManyAndCount();
    // One query for the page's installments (for each loan's next installment), not one per loan.
    const installments = loans.length
      ? await this.dataSource.manager.find(Installment, {
          where: { loanId: In(loans.map((loan) => loan.id)) },
        })
      : [];
    const businessDate = await this.businessDates.current();
    return {
      items: loans.map((loan) =>
        toLoanView(
          loan,
          installments.filter((line) => line.loanId === loan.id),
          businessDate,
          { schedule: false },
        ),
      ),
      total,
      page,
      pageSize,
    };
  }
}
