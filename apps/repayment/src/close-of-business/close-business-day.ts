import { Injectable } from '@nestjs/common';
import { BusinessDayClosedPayload, BusinessDayEvents, LoanEvents } from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { coveredAmountSql, dailyRate } from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { EntityManager } from 'typeorm';
import { BusinessDateService } from '../business-date/business-date.service';
import { classificationKeepingSql, delinquencyBandSql } from '../loans/delinquency';
import { insertEventsSql, LOAN_STATE_SQL } from './outbox-sql';

/** Same text as the partial index installment_unpaid_idx, so the planner uses it. */
export const UNPAID_INSTALLMENT = 'paid_principal < principal OR paid_interest < interest';
const OPEN = `('active', 'claimed')`;

export interface BusinessDayResult {
  businessDate: string;
  /** Active and claimed loans at the close. */
  openLoans: number;
  /** Loans behind (or just back to current) whose DPD, class and moratory interest were updated. */
  loansAged: number;
  delinquencyEvents: number;
  /** Loans whose SBS class changed at this close. */
  classChanges: number;
  loansClaimed: number;
  /** How long the close of this date took, up to recording it. */
  durationMs: number;
}

/**
 * The close of business of one date, inside the caller's transaction, as a handful of set-based
 * statements whatever the number of loans. Only loans with an installment past due (found through
 * the partial index of unpaid installments) or with DPD > 0 are touched: a current loan has
 * nothing to age. Re-running it is safe because the caller commits the date together with the
 * business_day_close row that says it was closed; a failure anywhere rolls the whole date back.
 */
@Injectable()
export class CloseBusinessDay {
  constructor(
    private readonly outbox: OutboxService,
    private readonly businessDates: BusinessDateService,
  ) {}

  async run(
    manager: EntityManager,
    businessDate: string,
    previousBusinessDate: string,
  ): Promise<BusinessDayResult> {
    const started = performance.now();
    // The close's id: the correlation id of every event of this date.
    const closeId = randomUUID();
    const { openLoans, moratoryRates } = await this.openLoans(manager);
    const aged = await this.ageLoans(manager, businessDate, moratoryRates, closeId);
    const loansClaimed = await this.fileClaims(manager, businessDate, closeId);
    const result = {
      businessDate,
      openLoans,
      ...aged,
      loansClaimed,
      durationMs: Math.round(performance.now() - started),
    };
    await this.recordClose(manager, result, previousBusinessDate, closeId);
    return result;
  }

  /**
   * How many loans are open, and the daily moratory rate (1 + TEA)^(1/360) − 1 of each distinct
   * moratory TEA among them, computed exactly with libs/money rather than in SQL floating point.
   */
  private async openLoans(manager: EntityManager) {
    const rows: { moratory_tea: string; loans: number }[] = await manager.query(
      `SELECT moratory_tea::text, count(*)::int AS loans FROM loan WHERE status IN ${OPEN}
       GROUP BY moratory_tea`,
    );
    return {
      openLoans: rows.reduce((sum, row) => sum + row.loans, 0),
      moratoryRates: rows.map((row) => ({
        tea: row.moratory_tea,
        dailyRate: dailyRate(row.moratory_tea).toFixed(),
      })),
    };
  }

  /**
   * DPD at D = D − due date of the oldest installment not fully paid that fell due before D;
   * classification by the SBS table; one day of moratory interest on the overdue principal,
   * rounded half-up to the céntimo per loan (round(numeric, 2) rounds half away from zero); the
   * worst DPD kept. A loan crossing a threshold gets loan.delinquency_changed, in the same statement.
   */
  private async ageLoans(
    manager: EntityManager,
    businessDate: string,
    rates: { tea: string; dailyRate: string }[],
    closeId: string,
  ): Promise<{ loansAged: number; delinquencyEvents: number; classChanges: number }> {
    const [row] = await manager.query(
      `WITH rates AS (
         SELECT * FROM unnest($2::numeric[], $3::numeric[]) AS r(moratory_tea, daily_rate)
       ),
       overdue AS (
         SELECT loan_id, min(due_date) AS oldest_due, sum(principal - paid_principal) AS principal
         FROM installment
         WHERE due_date < $1::date AND (${UNPAID_INSTALLMENT})
         GROUP BY loan_id
       ),
       candidates AS (
         SELECT loan_id AS id FROM overdue
         UNION
         SELECT id FROM loan WHERE days_past_due > 0 AND status IN ${OPEN}
       ),
       aged AS (
         SELECT l.id, l.days_past_due AS previous_dpd, l.classification AS previous_classification,
                COALESCE($1::date - o.oldest_due, 0) AS dpd,
                round(COALESCE(o.principal, 0) * r.daily_rate, 2) AS accrual
         FROM candidates c
         JOIN loan l ON l.id = c.id AND l.status IN ${OPEN}
         JOIN rates r ON r.moratory_tea = l.moratory_tea
         LEFT JOIN overdue o ON o.loan_id = l.id
       ),
       updated AS (
         UPDATE loan l SET
           days_past_due = a.dpd,
           -- A reprogrammed loan keeps its class: the worse of it and the DPD's.
           classification = ${classificationKeepingSql('a.dpd', 'l.classification_kept')},
           max_days_past_due = greatest(l.max_days_past_due, a.dpd),
           moratory_interest_due = l.moratory_interest_due + a.accrual,
           -- A crossing is announced, and so makes the loan one version newer.
           version = l.version + (${delinquencyBandSql('a.previous_dpd')} <> ${delinquencyBandSql('a.dpd')})::int,
           updated_at = now()
         FROM aged a
         WHERE l.id = a.id
         RETURNING l.id AS aggregate_id, l.version AS aggregate_version, l.enterprise_id,
                   a.previous_dpd, a.previous_classification, l.status, l.days_past_due,
                   l.classification, l.outstanding_principal, l.claimed_on, l.reprogrammings
       ),
       crossed AS (
         SELECT * FROM updated
         WHERE ${delinquencyBandSql('previous_dpd')} <> ${delinquencyBandSql('days_past_due')}
       ),
       events AS (
         ${insertEventsSql({
           type: LoanEvents.DelinquencyChanged,
           source: 'crossed',
           correlationId: '$4',
           payload: `jsonb_build_object(
             'loanId', e.aggregate_id,
             'enterpriseId', e.enterprise_id,
             'businessDate', to_char($1::date, 'YYYY-MM-DD'),
             'daysPastDue', e.days_past_due,
             'classification', e.classification,
             'previousClassification', e.previous_classification,
             'outstandingPrincipal', e.outstanding_principal::text,
             'loan', ${LOAN_STATE_SQL})`,
         })}
       )
       SELECT (SELECT count(*) FROM updated)::int AS loans_aged,
              (SELECT count(*) FROM events)::int AS delinquency_events,
              (SELECT count(*) FROM updated WHERE classification <> previous_classification)::int
                AS class_changes`,
      [businessDate, rates.map((r) => r.tea), rates.map((r) => r.dailyRate), closeId],
    );
    return {
      loansAged: row.loans_aged,
      delinquencyEvents: row.delinquency_events,
      classChanges: row.class_changes,
    };
  }

  /**
   * Active loans at or over the claim threshold (policy data) become `claimed`: the guarantee fund
   * owes coverage × outstanding principal, rounded to the céntimo, which loan.claimed carries to
   * disbursement (it pays, and the exposure leaves the fund's figures).
   */
  private async fileClaims(
    manager: EntityManager,
    businessDate: string,
    closeId: string,
  ): Promise<number> {
    const [row] = await manager.query(
      `WITH claimed AS (
         UPDATE loan l SET
           status = 'claimed',
           claimed_on = $1::date,
           claim_amount = ${coveredAmountSql('l.outstanding_principal', 'l.coverage')},
           version = l.version + 1,
           updated_at = now()
         FROM delinquency_policy p
         WHERE l.status = 'active' AND l.days_past_due > 0
           AND l.days_past_due >= p.claim_threshold_days
         RETURNING l.id AS aggregate_id, l.version AS aggregate_version, l.enterprise_id, l.status,
                   l.days_past_due, l.classification, l.outstanding_principal, l.coverage,
                   l.claim_amount, l.claimed_on, l.reprogrammings
       ),
       events AS (
         ${insertEventsSql({
           type: LoanEvents.Claimed,
           source: 'claimed',
           correlationId: '$2',
           payload: `jsonb_build_object(
             'loanId', e.aggregate_id,
             'enterpriseId', e.enterprise_id,
             'businessDate', to_char($1::date, 'YYYY-MM-DD'),
             'daysPastDue', e.days_past_due,
             'outstandingPrincipal', e.outstanding_principal::text,
             'coverage', e.coverage::text,
             'claimAmount', e.claim_amount::text,
             'loan', ${LOAN_STATE_SQL})`,
         })}
       )
       SELECT count(*)::int AS claimed FROM events`,
      [businessDate, closeId],
    );
    return row.claimed;
  }

  /** The date is closed: recorded once (its primary key), the business date moves, and it is announced last. */
  async recordClose(
    manager: EntityManager,
    result: BusinessDayResult,
    previousBusinessDate: string,
    closeId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO business_day_close (business_date, previous_business_date, close_id, open_loans,
         loans_aged, loans_claimed, class_changes, duration_ms, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
      [
        result.businessDate,
        previousBusinessDate,
        closeId,
        result.openLoans,
        result.loansAged,
        result.loansClaimed,
        result.classChanges,
        result.durationMs,
      ],
    );
    await this.businessDates.advance(manager, result.businessDate);
    await this.outbox.add(manager, {
      type: BusinessDayEvents.Closed,
      // Each close is an aggregate of one event; dates only move forward.
      aggregateId: closeId,
      aggregateVersion: 1,
      correlationId: closeId,
      payload: {
        businessDate: result.businessDate,
        previousBusinessDate,
      } satisfies BusinessDayClosedPayload,
    });
  }
}
