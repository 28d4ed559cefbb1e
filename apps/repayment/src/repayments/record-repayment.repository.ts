import { Injectable } from '@nestjs/common';
import { RepaymentResultView } from '@qollqa/contracts';
import { Decimal, money } from '@qollqa/money';
import { hydrate, WriteBatch } from '@qollqa/persistence';
import { EntityManager } from 'typeorm';
import { BusinessDateService, CURRENT_BUSINESS_DATE } from '../business-date/business-date.service';
import { Installment } from '../loans/entities/installment.entity';
import { Loan } from '../loans/entities/loan.entity';
import { Allocation } from './allocation';
import { Repayment } from './entities/repayment.entity';

/** A repayment already recorded under a receipt number, as far as a repeated request needs it. */
export interface EarlierRepayment {
  amount: Decimal;
  paidOn: string;
  result: RepaymentResultView;
}

/** The repayment being recorded, with the loan as it was before it (for a later reversal). */
export type NewRepayment = Omit<
  Repayment,
  'seq' | 'recordedAt' | 'reversedAt' | 'reversedBy' | 'reversedById' | 'reversalReason'
>;

/**
 * What recording a repayment reads and writes — the hot path of the service, so in few round trips
 * and without the ORM's query building: the reads in three statements after the business-date lock,
 * the writes (schedule, repayment, its allocation, events, loan) in one (WriteBatch).
 */
@Injectable()
export class RecordRepaymentRepository {
  constructor(private readonly businessDates: BusinessDateService) {}

  /** The business date, held shared, and the loan, locked for the rest of the transaction (null: no such loan). */
  async lockLoan(
    manager: EntityManager,
    loanId: string,
  ): Promise<{ businessDate: string; loan: Loan } | null> {
    await this.businessDates.lockShared(manager);
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT l.*, ${CURRENT_BUSINESS_DATE} AS current_business_date FROM loan l
       WHERE l.id = $1 FOR UPDATE OF l`,
      [loanId],
    );
    if (!row) return null;
    return { businessDate: row.current_business_date as string, loan: hydrate(manager, Loan, row) };
  }

  /**
   * The repayment not reversed under this receipt number. Read after the loan's lock, in a statement
   * of its own, so it sees one that a request holding the lock before committed.
   */
  async earlier(
    manager: EntityManager,
    loanId: string,
    externalRef: string,
  ): Promise<EarlierRepayment | null> {
    const [row] = await manager.query(
      `SELECT amount::text, paid_on::text, result FROM repayment
       WHERE loan_id = $1 AND external_ref = $2 AND reversed_at IS NULL`,
      [loanId, externalRef],
    );
    return row ? { amount: money(row.amount), paidOn: row.paid_on, result: row.result } : null;
  }

  /** The loan's schedule, first installment first. */
  async installments(manager: EntityManager, loanId: string): Promise<Installment[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      'SELECT * FROM installment WHERE loan_id = $1 ORDER BY number',
      [loanId],
    );
    return rows.map((row) => hydrate(manager, Installment, row));
  }

  /** The installments the allocation changed, with what it paid on each. */
  saveInstallments(batch: WriteBatch, loanId: string, allocation: Allocation): void {
    const lines = changedLines(allocation);
    const column = (pick: (line: (typeof lines)[number]) => Decimal) =>
      lines.map((line) => pick(line).toFixed());
    batch.add(
      `UPDATE installment i SET paid_principal = u.paid_principal, paid_interest = u.paid_interest,
         interest = u.interest, cancelled_interest = u.cancelled_interest
       FROM unnest($2::int[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[])
         AS u(number, paid_principal, paid_interest, interest, cancelled_interest)
       WHERE i.loan_id = $1 AND i.number = u.number`,
      [
        loanId,
        lines.map((line) => line.number),
        column((line) => line.paidPrincipal),
        column((line) => line.paidInterest),
        column((line) => line.interest),
        column((line) => line.cancelledInterest),
      ],
    );
  }

  /** The repayment, and what it did to each installment it changed: a reversal takes exactly that back. */
  saveRepayment(
    batch: WriteBatch,
    repayment: NewRepayment,
    before: Installment[],
    allocation: Allocation,
  ): void {
    batch.add(
      `INSERT INTO repayment (id, loan_id, external_ref, amount, paid_on, moratory_interest, interest,
         principal, prepayment, business_date, recorded_by, recorded_by_id, result, loan_status_before,
         days_past_due_before, classification_before, max_days_past_due_before, claimed_when_recorded)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        repayment.id,
        repayment.loanId,
        repayment.externalRef,
        repayment.amount.toFixed(),
        repayment.paidOn,
        repayment.moratoryInterest.toFixed(),
        repayment.interest.toFixed(),
        repayment.principal.toFixed(),
        repayment.prepayment.toFixed(),
        repayment.businessDate,
        repayment.recordedBy,
        repayment.recordedById,
        JSON.stringify(repayment.result),
        repayment.loanStatusBefore,
        repayment.daysPastDueBefore,
        repayment.classificationBefore,
        repayment.maxDaysPastDueBefore,
        repayment.claimedWhenRecorded,
      ],
    );
    const lines = changedLines(allocation).map((after) => {
      const was = before.find((line) => line.number === after.number)!;
      return {
        number: after.number,
        principal: after.paidPrincipal.minus(was.paidPrincipal),
        interest: after.paidInterest.minus(was.paidInterest),
        cancelledInterest: after.cancelledInterest.minus(was.cancelledInterest),
      };
    });
    if (lines.length === 0) return;
    batch.add(
      `INSERT INTO repayment_allocation (repayment_id, installment_number, principal, interest, cancelled_interest)
       SELECT $1, * FROM unnest($2::int[], $3::numeric[], $4::numeric[], $5::numeric[])`,
      [
        repayment.id,
        lines.map((line) => line.number),
        lines.map((line) => line.principal.toFixed()),
        lines.map((line) => line.interest.toFixed()),
        lines.map((line) => line.cancelledInterest.toFixed()),
      ],
    );
  }

  /** The loan's balances, status, class and version. */
  saveLoan(batch: WriteBatch, loan: Loan): void {
    batch.add(
      `UPDATE loan SET version = $2, moratory_interest_due = $3, outstanding_principal = $4,
         status = $5, repaid_on = $6, days_past_due = $7, classification = $8,
         max_days_past_due = $9, updated_at = now()
       WHERE id = $1`,
      [
        loan.id,
        loan.version,
        loan.moratoryInterestDue.toFixed(),
        loan.outstandingPrincipal.toFixed(),
        loan.status,
        loan.repaidOn,
        loan.daysPastDue,
        loan.classification,
        loan.maxDaysPastDue,
      ],
    );
  }
}

function changedLines(allocation: Allocation) {
  return allocation.installments.filter((line) => allocation.changed.includes(line.number));
}
