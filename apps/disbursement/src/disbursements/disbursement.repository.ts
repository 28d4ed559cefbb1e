import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApplicationApprovedPayload,
  Classification,
  EventEnvelope,
  GrantRefusal,
  LoanStateDto,
  LoanStatus,
} from '@qollqa/contracts';
import { Decimal, exposure, formatMoney, money } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { Disbursement, DisbursementStatus, GuaranteeStatus, NewDisbursement } from './disbursement';

/** A row of the `disbursement` table as PostgreSQL returns it (numerics as strings). */
interface DisbursementRow {
  application_id: string;
  loan_id: string;
  enterprise_id: string;
  status: DisbursementStatus;
  approval: ApplicationApprovedPayload;
  principal: string;
  coverage: string;
  guarantee_fee: string;
  grant_amount: string;
  grant_refusal: string | null;
  grant_refusal_detail: GrantRefusal | null;
  disbursed_on: string | null;
  guarantee_status: GuaranteeStatus;
  outstanding_principal: string;
  exposure: string;
  claim_paid: string;
  recovered: string;
  loan_version: number;
  recovery_entitled: string;
  loan_status: LoanStatus;
  days_past_due: number;
  classification: Classification;
}

const lockBy = (column: 'application_id' | 'loan_id') =>
  `SELECT *, to_char(disbursed_on, 'YYYY-MM-DD') AS disbursed_on FROM disbursement WHERE ${column} = $1 FOR UPDATE`;
const LOCK_BY_APPLICATION = lockBy('application_id');
const LOCK_BY_LOAN = lockBy('loan_id');

/**
 * The `disbursement` record of each approved application: its reservation or place on the waitlist,
 * its payout, then the loan as the disbursement service follows it — the loan's state its events
 * carry, the guarantee and its exposure. Every write of a payout row moves the guarantee summary too
 * (its trigger): the analytics follow without a line here.
 */
@Injectable()
export class DisbursementRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async exists(manager: EntityManager, applicationId: string): Promise<boolean> {
    const [known] = await manager.query('SELECT 1 FROM disbursement WHERE application_id = $1', [
      applicationId,
    ]);
    return known !== undefined;
  }

  /** Σ the grants of an enterprise's applications. */
  async grantedTo(manager: EntityManager, enterpriseId: string): Promise<Decimal> {
    const [{ granted }] = await manager.query(
      `SELECT coalesce(sum(grant_amount), 0) AS granted FROM disbursement WHERE enterprise_id = $1`,
      [enterpriseId],
    );
    return money(granted);
  }

  async insert(manager: EntityManager, record: NewDisbursement): Promise<void> {
    await manager.query(
      `INSERT INTO disbursement (application_id, loan_id, enterprise_id, status, approval, principal, coverage,
         guarantee_fee, grant_amount, grant_refusal, guarantee_status, outstanding_principal, exposure,
         loan_version, grant_refusal_detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $6, $12, $13, $14)`,
      [
        record.applicationId,
        record.loanId,
        record.enterpriseId,
        record.status,
        JSON.stringify(record.approval),
        formatMoney(record.principal),
        record.coverage.toFixed(),
        formatMoney(record.guaranteeFee),
        formatMoney(record.grantAmount),
        record.grantRefusal,
        record.guaranteeStatus,
        formatMoney(record.exposure),
        record.loanVersion,
        record.grantRefusalDetail ? JSON.stringify(record.grantRefusalDetail) : null,
      ],
    );
  }

  /** Locks an application's record for the rest of the transaction; null if there is none. */
  async lockByApplication(
    manager: EntityManager,
    applicationId: string,
  ): Promise<Disbursement | null> {
    const [row]: DisbursementRow[] = await manager.query(LOCK_BY_APPLICATION, [applicationId]);
    return row ? toDisbursement(row) : null;
  }

  /** Locks a paid-out loan's record for the rest of the transaction. */
  async lockByLoan(manager: EntityManager, loanId: string): Promise<Disbursement> {
    const [row]: DisbursementRow[] = await manager.query(LOCK_BY_LOAN, [loanId]);
    // The loan.disbursed event comes from this service, so an unknown loan is a bad event.
    if (!row) throw new Error(`Loan ${loanId} is not one this service paid out`);
    return toDisbursement(row);
  }

  async markDisbursed(
    manager: EntityManager,
    applicationId: string,
    disbursedOn: string,
    loanVersion: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE disbursement SET status = 'disbursed', disbursed_on = $2, loan_version = $3
       WHERE application_id = $1`,
      [applicationId, disbursedOn, loanVersion],
    );
  }

  /**
   * Saves the event's deltas (`amounts`) on the record and, when the event is newer than the state
   * the record holds, the loan's state: status, days past due, class, outstanding principal, the
   * guarantee's status and the exposure (coverage × outstanding while the guarantee is active).
   * Returns how much the exposure moved.
   */
  async follow(
    manager: EntityManager,
    record: Disbursement,
    event: EventEnvelope,
    loan: LoanStateDto,
    amounts: { claimPaid?: Decimal; recoveryEntitled?: Decimal } = {},
  ): Promise<Decimal> {
    const newer = event.aggregateVersion > record.loanVersion;
    const status = newer ? guaranteeStatus(loan) : record.guaranteeStatus;
    const outstanding = newer ? money(loan.outstandingPrincipal) : record.outstandingPrincipal;
    const exposed = exposure(status === 'active', outstanding, record.coverage);
    await manager.query(
      `UPDATE disbursement SET loan_version = $2, guarantee_status = $3, outstanding_principal = $4,
         exposure = $5, claim_paid = $6, recovery_entitled = $7, loan_status = $8, days_past_due = $9,
         classification = $10
       WHERE loan_id = $1`,
      [
        record.loanId,
        Math.max(event.aggregateVersion, record.loanVersion),
        status,
        formatMoney(outstanding),
        formatMoney(exposed),
        formatMoney(amounts.claimPaid ?? record.claimPaid),
        formatMoney(amounts.recoveryEntitled ?? record.recoveryEntitled),
        newer ? loan.status : record.loanStatus,
        newer ? loan.daysPastDue : record.daysPastDue,
        newer ? loan.classification : record.classification,
      ],
    );
    return exposed.minus(record.exposure);
  }

  /** What the fund took back of its claim on a loan moved by `change` (negative: given back). */
  async addRecovered(manager: EntityManager, loanId: string, change: Decimal): Promise<void> {
    await manager.query('UPDATE disbursement SET recovered = recovered + $2 WHERE loan_id = $1', [
      loanId,
      formatMoney(change),
    ]);
  }

  /** The applications whose guarantee is reserved but not paid out yet, in approval order. */
  async reservedInQueueOrder(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { application_id: string }[] = await manager.query(
      `SELECT application_id FROM disbursement WHERE status = 'reserved' ORDER BY queued_at`,
    );
    return rows.map((row) => row.application_id);
  }

  /** Takes the waitlist for the rest of the transaction: one reservation at a time, across replicas. */
  async lockWaitlist(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qollqa:disbursement:waitlist'))`);
  }

  /** Locks the oldest waitlisted application's record; null when nobody waits. */
  async lockHeadOfWaitlist(manager: EntityManager): Promise<Disbursement | null> {
    const [head]: DisbursementRow[] = await manager.query(
      `SELECT * FROM disbursement WHERE status = 'waitlisted' ORDER BY queued_at LIMIT 1 FOR UPDATE`,
    );
    return head ? toDisbursement(head) : null;
  }

  /** A waitlisted application got its guarantee: reserved, with its exposure. */
  async reserveWaitlisted(
    manager: EntityManager,
    applicationId: string,
    exposed: Decimal,
  ): Promise<void> {
    await manager.query(
      `UPDATE disbursement SET status = 'reserved', guarantee_status = 'active', exposure = $2
       WHERE application_id = $1`,
      [applicationId, formatMoney(exposed)],
    );
  }

  /** Σ the exposure of the active guarantees. */
  async activeExposure(manager: EntityManager = this.dataSource.manager): Promise<Decimal> {
    const [{ total }] = await manager.query(
      `SELECT coalesce(sum(exposure), 0) AS total FROM disbursement WHERE guarantee_status = 'active'`,
    );
    return new Decimal(total);
  }

  /** Σ what the fund paid for claims on the loans, and Σ what it recovered of them. */
  async claimsAndRecoveries(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ claimPaid: Decimal; recovered: Decimal }> {
    const [{ claims, recovered }] = await manager.query(
      `SELECT coalesce(sum(claim_paid), 0) AS claims, coalesce(sum(recovered), 0) AS recovered
       FROM disbursement`,
    );
    return { claimPaid: new Decimal(claims), recovered: new Decimal(recovered) };
  }
}

/** The guarantee of a loan in this state: claimed once the fund paid, released once the loan closed. */
function guaranteeStatus(loan: LoanStateDto): GuaranteeStatus {
  if (loan.claimed) return 'claimed';
  return loan.status === 'repaid' || loan.status === 'written_off' ? 'released' : 'active';
}

function toDisbursement(row: DisbursementRow): Disbursement {
  return {
    applicationId: row.application_id,
    loanId: row.loan_id,
    enterpriseId: row.enterprise_id,
    status: row.status,
    approval: row.approval,
    principal: money(row.principal),
    coverage: money(row.coverage),
    guaranteeFee: money(row.guarantee_fee),
    grantAmount: money(row.grant_amount),
    grantRefusal: row.grant_refusal,
    grantRefusalDetail: row.grant_refusal_detail,
    disbursedOn: row.disbursed_on,
    guaranteeStatus: row.guarantee_status,
    outstandingPrincipal: money(row.outstanding_principal),
    exposure: money(row.exposure),
    claimPaid: money(row.claim_paid),
    recovered: money(row.recovered),
    loanVersion: row.loan_version,
    recoveryEntitled: money(row.recovery_entitled),
    loanStatus: row.loan_status,
    daysPastDue: row.days_past_due,
    classification: row.classification,
  };
}
