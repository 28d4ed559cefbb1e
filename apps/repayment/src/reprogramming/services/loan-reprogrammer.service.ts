import { Injectable } from '@nestjs/common';
import {
  LoanEvents,
  LoanReprogrammedPayload,
  ReprogrammingReason,
  ReprogrammingRefusal,
} from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import {
  buildReprogrammedSchedule,
  Decimal,
  firstDueDateAfter,
  formatMoney,
  ReprogrammedLine,
} from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Installment } from '../../loans/entities/installment.entity';
import { Loan } from '../../loans/entities/loan.entity';
import {
  isFullyPaid,
  unpaidDeferred,
  unpaidInterest,
  unpaidPrincipal,
} from '../../loans/installment-balance';
import { loanState, nextLoanVersion } from '../../loans/loan-state';
import { Reprogramming } from '../entities/reprogramming.entity';
import { reprogrammingRefusal } from '../eligibility';
import { toReprogrammedLineView } from '../reprogramming.mapper';

const ZERO = new Decimal(0);

/** What a reprogramming changes, the same for one loan or every loan of an emergency. */
export interface ReprogrammingTerms {
  reason: ReprogrammingReason;
  note: string;
  extensionMonths: number;
  graceMonths: number;
  emergencyId?: string | null;
}

/** A reprogramming worked out but not applied (see LoanReprogrammer.plan). */
export interface ReprogrammingPlan {
  businessDate: string;
  /** The installments not fully paid, which the new schedule replaces. */
  replaced: Installment[];
  /** P: the principal re-amortised, what is unpaid of the replaced installments. */
  outstandingPrincipal: Decimal;
  /** Ordinary and moratory interest due and unpaid, spread over the non-grace new installments. */
  deferredInterest: Decimal;
  deferredMoratoryInterest: Decimal;
  schedule: ReprogrammedLine[];
  /** The loan's term after it: months from the disbursement to the last new installment. */
  termMonths: number;
}

export type ReprogrammingPlanOutcome =
  | { plan: ReprogrammingPlan; refusal?: undefined }
  | { plan?: undefined; refusal: ReprogrammingRefusal };

export type ReprogrammingOutcome =
  | { reprogrammed: Reprogramming; refusal?: undefined }
  | { reprogrammed?: undefined; refusal: ReprogrammingRefusal };

/**
 * Reprograms one loan (SPEC.md, "Reprogramming") in the caller's transaction, which holds the
 * business date shared and the loan's row for update:
 * - every installment not fully paid is replaced: it keeps its number, `rescheduled`, its principal
 *   and interest cut to what was paid on it (the schedule's principal still adds up to the loan's);
 * - the outstanding principal P is re-amortised over u + e new installments with g of grace
 *   (libs/money buildReprogrammedSchedule), numbered on from the highest number;
 * - interest due and unpaid at the business date — the unpaid interest of the installments due by
 *   then, the unpaid deferred interest of the later ones (an earlier reprogramming's) and the
 *   moratory interest — is deferred over the new non-grace installments; moratory interest due 0.00;
 * - DPD 0, the class kept (classificationKept), the term the months to the last installment;
 * - `loan.reprogrammed` with the new schedule and the loan's state, one version newer.
 */
@Injectable()
export class LoanReprogrammer {
  constructor(private readonly outbox: OutboxService) {}

  /**
   * What reprogramming `loan` on `terms` would do at `businessDate`, changing nothing: the
   * installments it replaces, the interest it defers and the new schedule. The same plan a
   * fund manager previews is the one `reprogram` applies.
   */
  async plan(
    manager: EntityManager,
    loan: Loan,
    terms: Pick<ReprogrammingTerms, 'extensionMonths' | 'graceMonths'>,
    businessDate: string,
  ): Promise<ReprogrammingPlanOutcome> {
    const refusal = reprogrammingRefusal(loan);
    if (refusal) return { refusal };

    const installments = await manager.find(Installment, {
      where: { loanId: loan.id },
      order: { number: 'ASC' },
    });
    const replaced = installments.filter((line) => !isFullyPaid(line));
    const principal = replaced.reduce((sum, line) => sum.plus(unpaidPrincipal(line)), ZERO);
    const ordinary = replaced.reduce(
      (sum, line) =>
        sum.plus(line.dueDate <= businessDate ? unpaidInterest(line) : unpaidDeferred(line)),
      ZERO,
    );
    const moratory = loan.moratoryInterestDue;
    const schedule = buildReprogrammedSchedule({
      principal,
      deferredInterest: ordinary.plus(moratory),
      tea: loan.tea,
      replaced: replaced.length,
      extensionMonths: terms.extensionMonths,
      graceMonths: terms.graceMonths,
      disbursedOn: loan.disbursedOn,
      businessDate,
      lastNumber: installments.at(-1)?.number ?? 0,
    });
    const termMonths =
      firstDueDateAfter(loan.disbursedOn, businessDate).period + schedule.length - 1;
    return {
      plan: {
        businessDate,
        replaced,
        outstandingPrincipal: principal,
        deferredInterest: ordinary.plus(moratory),
        deferredMoratoryInterest: moratory,
        schedule,
        termMonths,
      },
    };
  }

  async reprogram(
    manager: EntityManager,
    loan: Loan,
    terms: ReprogrammingTerms,
    by: { id: string; name: string },
    businessDate: string,
  ): Promise<ReprogrammingOutcome> {
    const planned = await this.plan(manager, loan, terms, businessDate);
    if (planned.refusal) return { refusal: planned.refusal };
    const { replaced, deferredMoratoryInterest: moratory, schedule, termMonths } = planned.plan;

    const [{ seq }] = await manager.query(
      `SELECT max(seq)::text AS seq FROM repayment WHERE loan_id = $1 AND reversed_at IS NULL`,
      [loan.id],
    );
    const reprogramming = manager.create(Reprogramming, {
      id: randomUUID(),
      loanId: loan.id,
      number: loan.reprogrammings + 1,
      businessDate,
      reason: terms.reason,
      note: terms.note,
      extensionMonths: terms.extensionMonths,
      graceMonths: terms.graceMonths,
      by: by.name,
      byId: by.id,
      classificationKept: loan.classification,
      daysPastDue: loan.daysPastDue,
      outstandingPrincipal: loan.outstandingPrincipal,
      deferredInterest: planned.plan.deferredInterest,
      deferredMoratoryInterest: moratory,
      replacedInstallments: replaced.map((line) => line.number),
      termMonthsBefore: loan.termMonths,
      termMonthsAfter: termMonths,
      lastRepaymentSeq: seq,
      emergencyId: terms.emergencyId ?? null,
    });
    await manager.insert(Reprogramming, reprogramming);
    // Re-read for the database's recorded_at.
    const saved = await manager.findOneByOrFail(Reprogramming, { id: reprogramming.id });
    await this.replaceInstallments(manager, loan.id, saved.id, replaced, schedule);

    Object.assign(loan, {
      daysPastDue: 0,
      // Never better than at the reprogramming: the class it had is kept while the loan lives.
      classificationKept: loan.classification,
      moratoryInterestDue: ZERO,
      reprogrammings: loan.reprogrammings + 1,
      termMonths,
    });
    const aggregateVersion = nextLoanVersion(loan);
    await manager.update(Loan, loan.id, {
      version: loan.version,
      daysPastDue: loan.daysPastDue,
      classificationKept: loan.classificationKept,
      moratoryInterestDue: loan.moratoryInterestDue,
      reprogrammings: loan.reprogrammings,
      termMonths: loan.termMonths,
    });
    await this.outbox.add(manager, {
      type: LoanEvents.Reprogrammed,
      aggregateId: loan.id,
      aggregateVersion,
      payload: {
        reprogrammingId: saved.id,
        loanId: loan.id,
        applicationId: loan.applicationId,
        enterpriseId: loan.enterpriseId,
        reference: loan.reference,
        businessDate,
        reason: terms.reason,
        note: terms.note,
        extensionMonths: terms.extensionMonths,
        graceMonths: terms.graceMonths,
        by: by.name,
        classificationKept: saved.classificationKept,
        daysPastDueBefore: saved.daysPastDue,
        replacedInstallments: saved.replacedInstallments,
        outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
        deferredInterest: formatMoney(saved.deferredInterest),
        deferredMoratoryInterest: formatMoney(moratory),
        termMonths,
        schedule: schedule.map(toReprogrammedLineView),
        nextInstallment: {
          number: schedule[0].number,
          dueDate: schedule[0].dueDate,
          amountDue: formatMoney(schedule[0].installment),
        },
        emergencyId: saved.emergencyId,
        loan: loanState(loan),
      } satisfies LoanReprogrammedPayload,
    });
    return { reprogrammed: saved };
  }

  /**
   * The replaced installments are closed at what was paid on them (their deferred part too), and
   * the new ones inserted after them: two statements whatever the number of lines.
   */
  private async replaceInstallments(
    manager: EntityManager,
    loanId: string,
    reprogrammingId: string,
    replaced: Installment[],
    schedule: ReprogrammedLine[],
  ): Promise<void> {
    await manager.query(
      `UPDATE installment SET principal = paid_principal, interest = paid_interest,
         deferred_interest = least(deferred_interest, paid_interest), rescheduled_by = $3
       WHERE loan_id = $1 AND number = ANY($2::int[])`,
      [loanId, replaced.map((line) => line.number), reprogrammingId],
    );
    const column = (pick: (line: ReprogrammedLine) => Decimal) =>
      schedule.map((line) => pick(line).toFixed(2));
    await manager.query(
      `INSERT INTO installment (loan_id, number, due_date, principal, interest, deferred_interest)
       SELECT $1, * FROM unnest($2::int[], $3::date[], $4::numeric[], $5::numeric[], $6::numeric[])`,
      [
        loanId,
        schedule.map((line) => line.number),
        schedule.map((line) => line.dueDate),
        column((line) => line.principal),
        column((line) => line.interest),
        column((line) => line.deferredInterest),
      ],
    );
  }
}
