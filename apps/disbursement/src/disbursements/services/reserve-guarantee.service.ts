import { Injectable } from '@nestjs/common';
import {
  ApplicationApprovedEvent,
  GrantRefusal,
  LoanEvents,
  LoanWaitlistedPayload,
  WaitlistReason,
} from '@qollqa/contracts';
import { InboxService, OutboxService } from '@qollqa/messaging';
import {
  coveredAmount,
  Decimal,
  formatMoney,
  guaranteeFee,
  headroomSql,
  money,
  roundMoney,
  withinLeverageLimitSql,
} from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { coverageFor, FundPolicy, loadFundPolicy } from '../../funds/fund-policy';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerService } from '../../ledger/ledger.service';

/** The fund's position and policy rows as the statements below name them (`p`, `f`). */
const POSITION = {
  exposure: 'p.exposure',
  availableCapital: 'p.available_capital',
  leverageLimit: 'f.leverage_limit',
};

/**
 * Step 1 of a payout, in its own short transaction: the guarantee fund takes on the loan's risk if its
 * leverage allows (else the application waits its turn), and the innovation fund commits the grant if
 * its budget allows (else the loan goes ahead without it, with the reason on the timeline).
 *
 * The capacity check and the reservation are one conditional UPDATE of the fund's position row, so
 * concurrent approvals (several replicas) never over-commit the fund, and the row is locked only for
 * the few statements of this transaction.
 */
@Injectable()
export class ReserveGuaranteeService {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly ledger: LedgerService,
  ) {}

  /** Returns false when this approval had been handled before (a redelivery). */
  async execute(event: ApplicationApprovedEvent): Promise<boolean> {
    return this.inbox.processOnce(event, (manager) => this.reserve(manager, event));
  }

  private async reserve(manager: EntityManager, event: ApplicationApprovedEvent): Promise<void> {
    const approval = event.payload;
    // Another approval event for the same application (two raced, or one re-sent) changes nothing; two
    // inserting at once collide on the primary key and the loser's retry lands here.
    const [known] = await manager.query('SELECT 1 FROM disbursement WHERE application_id = $1', [
      approval.applicationId,
    ]);
    if (known) return;
    const principal = money(approval.amount);
    const policy = await loadFundPolicy(manager);
    const coverage = coverageFor(policy, principal, money(approval.collateralValue));
    const guaranteed = coveredAmount(principal, coverage);
    const fee = guaranteeFee(guaranteed, policy.guaranteeFeeRate);

    // Lock order everywhere: innovation position, then guarantee position.
    const grant = await this.commitGrant(manager, event, policy);
    const reserved = await this.reserveExposure(manager, guaranteed);

    // The loan's id is given here: a waitlisted approval's loan.waitlisted is the loan's version 1.
    const loanId = randomUUID();
    await manager.query(
      `INSERT INTO disbursement (application_id, loan_id, enterprise_id, status, approval, principal, coverage,
         guarantee_fee, grant_amount, grant_refusal, guarantee_status, outstanding_principal, exposure,
         loan_version, grant_refusal_detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $6, $12, $13, $14)`,
      [
        approval.applicationId,
        loanId,
        approval.enterprise.id,
        reserved ? 'reserved' : 'waitlisted',
        JSON.stringify(approval),
        formatMoney(principal),
        coverage.toFixed(),
        formatMoney(fee),
        formatMoney(grant.amount),
        grant.refusal?.text ?? null,
        reserved ? 'active' : 'none',
        formatMoney(reserved ? guaranteed : 0),
        reserved ? 0 : 1,
        grant.refusal ? JSON.stringify(grant.refusal.detail) : null,
      ],
    );
    if (!reserved) {
      const reasonDetail = await this.waitlistReason(manager, guaranteed, approval.applicationId);
      await this.outbox.add(
        manager,
        OutboxService.causedBy(event, {
          type: LoanEvents.Waitlisted,
          aggregateId: loanId,
          aggregateVersion: 1,
          payload: {
            applicationId: approval.applicationId,
            loanId,
            reason:
              'The guarantee fund is at its leverage limit: the loan will be paid out, in order of approval, ' +
              'as soon as capital is added or exposure falls',
            reasonDetail,
          } satisfies LoanWaitlistedPayload,
        }),
      );
    }
  }

  /**
   * Reserves `exposure` if the fund's leverage stays within its limit and nobody is waiting before
   * this application (first come, first served). One statement: check and reservation are atomic.
   */
  async reserveExposure(
    manager: EntityManager,
    exposure: Decimal,
    skipQueueCheck = false,
  ): Promise<boolean> {
    const reserved = await manager.query(
      `UPDATE guarantee_position p SET exposure = p.exposure + $1
       FROM fund_policy f
       WHERE p.id = 1 AND f.id = 1
         AND ${withinLeverageLimitSql(POSITION, '$1')}
         AND ($2 OR NOT EXISTS (SELECT 1 FROM disbursement WHERE status = 'waitlisted'))
       RETURNING p.exposure`,
      [formatMoney(exposure), skipQueueCheck],
    );
    return reserved[0].length > 0;
  }

  /**
   * Why the guarantee could not be reserved, with the figures of the moment: the loan does not fit
   * under the leverage limit, or it would but others approved before it are waiting.
   */
  private async waitlistReason(
    manager: EntityManager,
    guarantee: Decimal,
    applicationId: string,
  ): Promise<WaitlistReason> {
    const [{ room, ahead }] = await manager.query(
      `SELECT ${headroomSql(POSITION)} AS room,
         (SELECT count(*) FROM disbursement WHERE status = 'waitlisted' AND application_id <> $1)::int AS ahead
       FROM guarantee_position p, fund_policy f WHERE p.id = 1 AND f.id = 1`,
      [applicationId],
    );
    const fits = guarantee.lte(money(room));
    return fits && ahead > 0
      ? { code: 'QUEUE_AHEAD', guarantee: formatMoney(guarantee), ahead }
      : {
          code: 'GUARANTEE_CAPACITY',
          guarantee: formatMoney(guarantee),
          room: formatMoney(roundMoney(money(room))),
        };
  }

  private async commitGrant(
    manager: EntityManager,
    event: ApplicationApprovedEvent,
    policy: FundPolicy,
  ): Promise<{ amount: Decimal; refusal: { text: string; detail: GrantRefusal } | null }> {
    const approval = event.payload;
    const requested = money(approval.grantRequested);
    if (requested.isZero()) return { amount: new Decimal(0), refusal: null };

    const [{ granted }] = await manager.query(
      `SELECT coalesce(sum(grant_amount), 0) AS granted FROM disbursement WHERE enterprise_id = $1`,
      [approval.enterprise.id],
    );
    const enterpriseRoom = policy.maxGrantPerEnterprise.minus(granted);
    if (requested.gt(enterpriseRoom)) {
      const [limit, remaining] = [policy.maxGrantPerEnterprise, Decimal.max(enterpriseRoom, 0)];
      return {
        amount: new Decimal(0),
        refusal: {
          text: `Grant of ${formatMoney(requested)} refused: at most ${formatMoney(limit)} per enterprise, and ${formatMoney(remaining)} remain for this one`,
          detail: {
            code: 'GRANT_ENTERPRISE_LIMIT',
            requested: formatMoney(requested),
            limit: formatMoney(limit),
            remaining: formatMoney(remaining),
          },
        },
      };
    }
    const committed = await manager.query(
      `UPDATE innovation_position SET committed = committed + $1
       WHERE id = 1 AND budget - committed - disbursed >= $1 RETURNING budget - committed - disbursed AS available`,
      [formatMoney(requested)],
    );
    if (committed[0].length === 0) {
      const [{ available }] = await manager.query(
        'SELECT budget - committed - disbursed AS available FROM innovation_position WHERE id = 1',
      );
      return {
        amount: new Decimal(0),
        refusal: {
          text: `Grant of ${formatMoney(requested)} refused: the innovation fund has ${formatMoney(available)} of budget left; the loan goes ahead without it`,
          detail: {
            code: 'GRANT_BUDGET_EXHAUSTED',
            requested: formatMoney(requested),
            available: formatMoney(available),
          },
        },
      };
    }
    await this.ledger.post(manager, {
      key: `grant-commitment:${approval.applicationId}`,
      kind: 'grant_commitment',
      causedBy: event.id,
      description: `Matching grant committed to application ${approval.reference}`,
      lines: [
        { account: Account.InnovationGrantsExpense, debit: requested },
        { account: Account.InnovationGrantsCommitted, credit: requested },
      ],
    });
    return { amount: requested, refusal: null };
  }
}
