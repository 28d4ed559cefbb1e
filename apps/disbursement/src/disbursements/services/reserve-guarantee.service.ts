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
  money,
  roundMoney,
} from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { coverageFor, FundPolicy } from '../../funds/fund-policy';
import { FundPolicyRepository } from '../../funds/fund-policy.repository';
import { GuaranteePositionRepository } from '../../funds/guarantee-position.repository';
import { InnovationPositionRepository } from '../../funds/innovation-position.repository';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { DisbursementRepository } from '../disbursement.repository';

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
    private readonly ledger: LedgerRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly fundPolicy: FundPolicyRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
    private readonly innovationPosition: InnovationPositionRepository,
  ) {}

  /** Returns false when this approval had been handled before (a redelivery). */
  async execute(event: ApplicationApprovedEvent): Promise<boolean> {
    return this.inbox.processOnce(event, (manager) => this.reserve(manager, event));
  }

  private async reserve(manager: EntityManager, event: ApplicationApprovedEvent): Promise<void> {
    const approval = event.payload;
    // Another approval event for the same application (two raced, or one re-sent) changes nothing; two
    // inserting at once collide on the primary key and the loser's retry lands here.
    if (await this.disbursements.exists(manager, approval.applicationId)) return;
    const principal = money(approval.amount);
    const policy = await this.fundPolicy.load(manager);
    const coverage = coverageFor(policy, principal, money(approval.collateralValue));
    const guaranteed = coveredAmount(principal, coverage);
    const fee = guaranteeFee(guaranteed, policy.guaranteeFeeRate);

    // Lock order everywhere: innovation position, then guarantee position.
    const grant = await this.commitGrant(manager, event, policy);
    const reserved = await this.guaranteePosition.reserveExposure(manager, guaranteed);

    // The loan's id is given here: a waitlisted approval's loan.waitlisted is the loan's version 1.
    const loanId = randomUUID();
    await this.disbursements.insert(manager, {
      applicationId: approval.applicationId,
      loanId,
      enterpriseId: approval.enterprise.id,
      status: reserved ? 'reserved' : 'waitlisted',
      approval,
      principal,
      coverage,
      guaranteeFee: fee,
      grantAmount: grant.amount,
      grantRefusal: grant.refusal?.text ?? null,
      grantRefusalDetail: grant.refusal?.detail ?? null,
      guaranteeStatus: reserved ? 'active' : 'none',
      exposure: reserved ? guaranteed : new Decimal(0),
      loanVersion: reserved ? 0 : 1,
    });
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
   * Why the guarantee could not be reserved, with the figures of the moment: the loan does not fit
   * under the leverage limit, or it would but others approved before it are waiting.
   */
  private async waitlistReason(
    manager: EntityManager,
    guarantee: Decimal,
    applicationId: string,
  ): Promise<WaitlistReason> {
    const { room, ahead } = await this.guaranteePosition.roomAndQueue(manager, applicationId);
    const fits = guarantee.lte(room);
    return fits && ahead > 0
      ? { code: 'QUEUE_AHEAD', guarantee: formatMoney(guarantee), ahead }
      : {
          code: 'GUARANTEE_CAPACITY',
          guarantee: formatMoney(guarantee),
          room: formatMoney(roundMoney(room)),
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

    const granted = await this.disbursements.grantedTo(manager, approval.enterprise.id);
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
    if (!(await this.innovationPosition.commitGrant(manager, requested))) {
      const available = await this.innovationPosition.available(manager);
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
