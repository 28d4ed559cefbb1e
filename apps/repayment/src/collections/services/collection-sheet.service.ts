import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CollectionItemView,
  CollectionSheetBatch,
  CollectionSheetCommand,
} from '@qollqa/contracts';
import { dailyRate, Decimal, formatMoney, money } from '@qollqa/money';
import { DataSource, EntityManager, In } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { UNPAID_INSTALLMENT } from '../../close-of-business/close-business-day';
import { Installment } from '../../loans/entities/installment.entity';
import { Loan, OPEN_LOAN_STATUSES } from '../../loans/entities/loan.entity';
import { owedOn } from '../amount-due';
import { CollectionsException, CollectionsExceptionCode as Code } from '../collections.exception';

/**
 * The collection sheet, a batch at a time: the active and claimed loans with something owed on
 * the sheet's date (an unpaid installment due by then), what each must pay to be up to date, in
 * loan-id order so that batches never overlap while repayments change the loans; the gateway
 * orders the whole by municipality and due date and sums it.
 *
 * The date is the business date or a later one (a projection: what falls due until then, and the
 * moratory interest the closes would add if nothing were paid). An earlier date is refused: the
 * loans hold what is owed now, and what was owed then (before later repayments and accruals)
 * cannot be told exactly from them.
 */
@Injectable()
export class CollectionSheetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
  ) {}

  async execute({ actor, query, batch }: CollectionSheetCommand): Promise<CollectionSheetBatch> {
    if (actor.role === 'enterprise') {
      throw new CollectionsException(Code.RoleNotAllowed, 'The collection sheet is for staff');
    }
    // One snapshot for the loans and their installments.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const businessDate = await this.businessDates.current(manager);
      const date = query.date ?? businessDate;
      if (date < businessDate) {
        throw new CollectionsException(
          Code.DateInThePast,
          `The collection sheet is for the business date (${businessDate}) or later: what was owed on ${date} is not kept`,
          { date, businessDate },
        );
      }
      const loans = await this.owingLoans(manager, date, query, batch);
      const installments = loans.length
        ? await manager
            .createQueryBuilder(Installment, 'installment')
            .where({ loanId: In(loans.map((loan) => loan.id)) })
            .andWhere(`(${UNPAID_INSTALLMENT})`)
            .getMany()
        : [];
      const rates = new Map<string, Decimal>();
      const items: CollectionItemView[] = [];
      for (const loan of loans) {
        if (!rates.has(loan.moratoryTea)) rates.set(loan.moratoryTea, dailyRate(loan.moratoryTea));
        const owed = owedOn({
          installments: installments.filter((line) => line.loanId === loan.id),
          moratoryInterestDue: money(loan.moratoryInterestDue),
          moratoryDailyRate: rates.get(loan.moratoryTea)!,
          businessDate,
          date,
        });
        if (!owed) continue;
        items.push({
          loanId: loan.id,
          reference: loan.reference,
          enterprise: { name: loan.enterpriseName, municipality: loan.municipality },
          dueDate: owed.dueDate,
          amountDue: formatMoney(owed.amountDue),
          daysPastDue: owed.daysPastDue,
        });
      }
      const last = loans.length === batch.limit ? loans[loans.length - 1].id : null;
      return { date, items, next: last };
    });
  }

  /**
   * The batch's loans: open, after `after` by id, with an unpaid installment due by `date` — or
   * moratory interest left, which only a loan behind can owe (found through its partial index).
   */
  private owingLoans(
    manager: EntityManager,
    date: string,
    query: CollectionSheetCommand['query'],
    batch: CollectionSheetCommand['batch'],
  ): Promise<Loan[]> {
    const builder = manager
      .createQueryBuilder(Loan, 'loan')
      .where('loan.status IN (:...open)', { open: OPEN_LOAN_STATUSES })
      .andWhere(
        `(EXISTS (SELECT 1 FROM installment i WHERE i.loan_id = loan.id AND i.due_date <= :date
            AND (i.paid_principal < i.principal OR i.paid_interest < i.interest))
          OR (loan.days_past_due > 0 AND loan.moratory_interest_due > 0))`,
        { date },
      )
      .orderBy('loan.id', 'ASC')
      .take(batch.limit);
    if (batch.after) builder.andWhere('loan.id > :after', { after: batch.after });
    if (query.municipality) {
      builder.andWhere('lower(loan.municipality) = lower(:municipality)', {
        municipality: query.municipality,
      });
    }
    if (query.officer) {
      builder.andWhere('lower(loan.registered_by) = lower(:officer)', { officer: query.officer });
    }
    return builder.getMany();
  }
}
