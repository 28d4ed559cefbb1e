import { Injectable } from '@nestjs/common';
import { ApplicationApprovedEvent, LoanEvents, LoanWaitlistedPayload } from '@qollqa/contracts';
import { InboxService, OutboxService } from '@qollqa/messaging';
import { Decimal, formatMoney, money, roundMoney } from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { coverageFor, FundPolicy, loadFundPolicy } from '../../funds/fund-policy';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerService } from '../../ledger/ledger.service';

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
    const guaranteed = roundMoney(principal.mul(coverage));
    const fee = roundMoney(guaranteed.mul(policy.guaranteeFeeRate));

    // Lock order everywhere: innovation position, then guarantee position.
    const grant = await this.commitGrant(manager, event, policy);
    const reserved = await this.reserveExposure(manager, guaranteed);

    // The loan's id is given here: a waitlisted approval's loan.waitlisted is the loan's version 1.
    const loanId = randomUUID();
    await manager.query(
      `INSERT INTO disbursement (application_id, loan_id, enterprise_id, status, approval, principal, coverage,
         guarantee_fee, grant_amount, grant_refusal, guarantee_status, outstanding_principal, exposure,
         loan_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $6, $12, $13)`,
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
        grant.refusal,
        reserved ? 'active' : 'none',
        formatMoney(reserved ? guaranteed : 0),
        reserved ? 0 : 1,
      ],
    );
    if (!reserved) {
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
         AND p.exposure + $1 <= f.leverage_limit * p.available_capital
         AND ($2 OR NOT EXISTS (SELECT 1 FROM disbursement WHERE status = 'waitlisted'))
       RETURNING p.exposure`,
      [formatMoney(exposure), skipQueueCheck],
    );
    return reserved[0].length > 0;
  }

  private async commitGrant(
    manager: EntityManager,
    event: ApplicationApprovedEvent,
    policy: FundPolicy,
  ): Promise<{ amount: Decimal; refusal: string | null }> {
    const approval = event.payload;
    const requested = money(approval.grantRequested);
    if (requested.isZero()) return { amount: new Decimal(0), refusal: null };

    const [{ granted }] = await manager.query(
      `SELECT coalesce(sum(grant_amount), 0) AS granted FROM disbursement WHERE enterprise_id = $1`,
      [approval.enterprise.id],
    );
    const enterpriseRoom = policy.maxGrantPerEnterprise.minus(granted);
    if (requested.gt(enterpriseRoom)) {
      return {
        amount: new Decimal(0),
        refusal: `Grant of ${formatMoney(requested)} refused: at most ${formatMoney(policy.maxGrantPerEnterprise)} per enterprise, and ${formatMoney(Decimal.max(enterpriseRoom, 0))} remain for this one`,
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
        refusal: `Grant of ${formatMoney(requested)} refused: the innovation fund has ${formatMoney(available)} of budget left; the loan goes ahead without it`,
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
