import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Actor,
  Batch,
  BatchRequest,
  ListLoansQuery,
  LoanAccountView,
  nextAfter,
  Page,
  parseSearch,
} from '@qollqa/contracts';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Installment } from '../entities/installment.entity';
import { Loan } from '../entities/loan.entity';
import { LoanException, LoanExceptionCode as Code } from '../loan.exception';
import { toLoanView } from '../loan.mapper';
import { reprogrammingsOf } from '../../reprogramming/reprogramming-history';

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
    if (!loan) throw new LoanException(Code.NotFound, `Loan ${id} not found`, { id });
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
    return toLoanView(
      loan,
      installments,
      await this.businessDates.current(manager),
      { schedule: true },
      (await reprogrammingsOf(manager, [loan])).get(loan.id),
    );
  }

  /** Oldest disbursement first; an enterprise's list holds only its own loans. */
  async list(actor: Actor, query: ListLoansQuery): Promise<Page<LoanAccountView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [loans, total] = await this.matching(actor, query)
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.listItems(loans), total, page, pageSize };
  }

  /** Every loan of the list's filters, a batch at a time in the list's order (exports). */
  async batch(
    actor: Actor,
    query: ListLoansQuery,
    batch: BatchRequest,
  ): Promise<Batch<LoanAccountView>> {
    const builder = this.matching(actor, query).take(batch.limit);
    if (batch.after) {
      builder.andWhere(
        '(loan.disbursed_on, loan.id) > (SELECT disbursed_on, id FROM loan WHERE id = :after)',
        { after: batch.after },
      );
    }
    const loans = await builder.getMany();
    return { items: await this.listItems(loans), next: nextAfter(loans, batch.limit) };
  }

  /** The loans the caller may see that the list's filters and search select, in the list's order. */
  matching(actor: Actor, query: ListLoansQuery): SelectQueryBuilder<Loan> {
    const builder = this.dataSource.manager
      .createQueryBuilder(Loan, 'loan')
      .orderBy('loan.disbursed_on', 'ASC')
      .addOrderBy('loan.id', 'ASC');
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
    if (query.q) {
      // Each kind of search is one index lookup (reference, DNI/RUC, or the normalised name's trigrams).
      const search = parseSearch(query.q);
      if (search.by === 'reference') {
        builder.andWhere('loan.reference = :reference', { reference: search.reference });
      } else if (search.by === 'document') {
        builder.andWhere('loan.document_id = :documentId', { documentId: search.documentId });
      } else {
        // The pattern's wildcards are escaped with a backslash, LIKE's default escape character.
        builder.andWhere('loan.search_name LIKE :pattern', { pattern: search.pattern });
      }
    }
    return builder;
  }

  /** List items (no schedule): one query for the loans' installments, not one per loan. */
  private async listItems(loans: Loan[]): Promise<LoanAccountView[]> {
    const installments = loans.length
      ? await this.dataSource.manager.find(Installment, {
          where: { loanId: In(loans.map((loan) => loan.id)) },
        })
      : [];
    const businessDate = await this.businessDates.current();
    const byLoan = new Map<string, Installment[]>();
    for (const line of installments) {
      byLoan.set(line.loanId, [...(byLoan.get(line.loanId) ?? []), line]);
    }
    const reprogrammings = await reprogrammingsOf(this.dataSource.manager, loans);
    return loans.map((loan) =>
      toLoanView(
        loan,
        byLoan.get(loan.id) ?? [],
        businessDate,
        { schedule: false },
        reprogrammings.get(loan.id),
      ),
    );
  }
}
