import { Injectable } from '@nestjs/common';
import {
  LoanClaimedEvent,
  LoanWrittenOffEvent,
  RepaymentRecordedEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { coveredAmount, Decimal, money } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { Disbursement } from '../disbursements/disbursement';
import { DisbursementRepository } from '../disbursements/disbursement.repository';
import { GuaranteePositionRepository } from '../funds/guarantee-position.repository';
import { Account } from '../ledger/ledger-accounts';
import { LedgerRepository } from '../ledger/ledger.repository';

/**
 * The ledger side of what happens to a loan in the repayment service: repayments return to the lending
 * pool (and, on a claimed loan, the fund's coverage share until it has recovered its claim), a
 * reversed repayment is posted back (and the fund's share of it given back), claims are paid by the
 * guarantee fund, write-offs are losses of the pool.
 *
 * Events of one loan may arrive out of order (a redelivery after a crash overtakes newer ones), so
 * each handler does two different things:
 * - its money movements (the ledger posting, the claim, the fund's share) happen exactly once,
 *   whatever the order: they are deltas, recorded with the inbox;
 * - the loan's state it carries (status, outstanding principal, days past due, class, claimed)
 *   replaces what the record holds only when the event is newer (`aggregateVersion`), and the
 *   exposure follows that state (DisbursementRepository.follow).
 */
@Injectable()
export class LoanLedgerService {
  constructor(
    private readonly inbox: InboxService,
    private readonly ledger: LedgerRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
  ) {}

  async onRepayment(event: RepaymentRecordedEvent): Promise<boolean> {
    const repayment = event.payload;
    return this.inbox.processOnce(event, async (manager) => {
      const disbursement = await this.disbursements.lockByLoan(manager, repayment.loanId);
      const amount = money(repayment.amount);
      const principal = money(repayment.allocated.principal).plus(repayment.allocated.prepayment);
      const interest = money(repayment.allocated.interest).plus(
        repayment.allocated.moratoryInterest,
      );
      const posted = await this.ledger.post(manager, {
        key: `repayment:${repayment.repaymentId}`,
        kind: 'repayment',
        causedBy: event.id,
        businessDate: repayment.paidOn,
        description: `Repayment ${repayment.externalRef} on loan ${repayment.loanId}`,
        lines: [
          { account: Account.PoolCash, debit: amount },
          { account: Account.PoolLoansReceivable, credit: principal },
          { account: Account.PoolInterestIncome, credit: interest },
        ],
      });
      // A repayment made after the claim owes the fund its coverage share, coverage × amount (the
      // event says whether the loan was claimed when it was made, whatever this record knows yet), once
      // per repayment.
      const share =
        posted && repayment.loan.claimed
          ? coveredAmount(amount, disbursement.coverage)
          : new Decimal(0);
      const recoveryEntitled = disbursement.recoveryEntitled.plus(share);
      const exposureChange = await this.disbursements.follow(
        manager,
        disbursement,
        event,
        repayment.loan,
        { recoveryEntitled },
      );
      const recovery = await this.settleRecovery(
        manager,
        { ...disbursement, recoveryEntitled },
        event.id,
        repayment.paidOn,
      );
      await this.guaranteePosition.move(manager, recovery, exposureChange);
    });
  }

  /**
   * A repayment was reversed: its posting is reversed line by line (a new transaction, keyed by the
   * repayment so it is posted once whatever event carries it), and on a loan claimed when it was
   * made the fund's coverage share of it is no longer owed back — what the fund took of it returns
   * to the pool. The loan's state (open again, its outstanding) is followed if newer.
   */
  async onRepaymentReversed(event: RepaymentReversedEvent): Promise<boolean> {
    const reversal = event.payload;
    return this.inbox.processOnce(event, async (manager) => {
      const disbursement = await this.disbursements.lockByLoan(manager, reversal.loanId);
      const amount = money(reversal.amount);
      const principal = money(reversal.allocated.principal).plus(reversal.allocated.prepayment);
      const interest = money(reversal.allocated.interest).plus(reversal.allocated.moratoryInterest);
      const posted = await this.ledger.post(manager, {
        key: `repayment-reversal:${reversal.repaymentId}`,
        kind: 'repayment_reversal',
        causedBy: event.id,
        businessDate: reversal.reversedOn,
        description: `Reversal of repayment ${reversal.externalRef} on loan ${reversal.loanId} by ${reversal.reversedBy}: ${reversal.reason}`,
        lines: [
          { account: Account.PoolLoansReceivable, debit: principal },
          { account: Account.PoolInterestIncome, debit: interest },
          { account: Account.PoolCash, credit: amount },
        ],
      });
      const share =
        posted && reversal.claimedWhenRecorded
          ? coveredAmount(amount, disbursement.coverage)
          : new Decimal(0);
      const recoveryEntitled = disbursement.recoveryEntitled.minus(share);
      const exposureChange = await this.disbursements.follow(
        manager,
        disbursement,
        event,
        reversal.loan,
        { recoveryEntitled },
      );
      const recovery = await this.settleRecovery(
        manager,
        { ...disbursement, recoveryEntitled },
        event.id,
        reversal.reversedOn,
      );
      await this.guaranteePosition.move(manager, recovery, exposureChange);
    });
  }

  async onClaim(event: LoanClaimedEvent): Promise<boolean> {
    const claim = event.payload;
    return this.inbox.processOnce(event, async (manager) => {
      const disbursement = await this.disbursements.lockByLoan(manager, claim.loanId);
      const amount = money(claim.claimAmount);
      const posted = await this.ledger.post(manager, {
        key: `claim:${claim.loanId}`,
        kind: 'claim',
        causedBy: event.id,
        businessDate: claim.businessDate,
        description: `Guarantee claim on loan ${claim.loanId} at ${claim.daysPastDue} days past due`,
        lines: [
          { account: Account.GuaranteeClaimsPaid, debit: amount },
          { account: Account.GuaranteeCash, credit: amount },
          { account: Account.PoolCash, debit: amount },
          { account: Account.PoolGuaranteeClaims, credit: amount },
        ],
      });
      // A loan is claimed once: another claim event for it (under another id) moves no money.
      const paidNow = posted ? amount : new Decimal(0);
      const claimPaid = disbursement.claimPaid.plus(paidNow);
      // The claimed loan's exposure leaves the fund's figures (through its state); the fund's capital
      // falls by the claim, and repayments already seen after it are shared with the fund now.
      const exposureChange = await this.disbursements.follow(
        manager,
        disbursement,
        event,
        claim.loan,
        { claimPaid },
      );
      const recovery = await this.settleRecovery(
        manager,
        { ...disbursement, claimPaid },
        event.id,
        claim.businessDate,
      );
      await this.guaranteePosition.move(manager, recovery.minus(paidNow), exposureChange);
    });
  }

  async onWriteOff(event: LoanWrittenOffEvent): Promise<boolean> {
    const writeOff = event.payload;
    return this.inbox.processOnce(event, async (manager) => {
      const disbursement = await this.disbursements.lockByLoan(manager, writeOff.loanId);
      const loss = money(writeOff.outstandingPrincipal);
      if (!loss.isZero()) {
        await this.ledger.post(manager, {
          key: `write-off:${writeOff.loanId}`,
          kind: 'write_off',
          causedBy: event.id,
          businessDate: writeOff.writtenOffOn,
          description: `Loan ${writeOff.loanId} written off by ${writeOff.by}: ${writeOff.reason}`,
          lines: [
            { account: Account.PoolWriteOffs, debit: loss },
            { account: Account.PoolLoansReceivable, credit: loss },
          ],
        });
      }
      const exposureChange = await this.disbursements.follow(
        manager,
        disbursement,
        event,
        writeOff.loan,
      );
      await this.guaranteePosition.move(manager, new Decimal(0), exposureChange);
    });
  }

  /**
   * The fund takes what it is owed back from repayments after the claim, up to the claim:
   * min(entitled, claim paid) − recovered so far. After a reversal that is less than recovered: the
   * fund gives the difference back to the pool. Returns what the fund's capital moved by (negative
   * when it gave back).
   */
  private async settleRecovery(
    manager: EntityManager,
    disbursement: Disbursement,
    causedBy: string,
    businessDate: string,
  ): Promise<Decimal> {
    const owed = Decimal.max(Decimal.min(disbursement.recoveryEntitled, disbursement.claimPaid), 0);
    const change = owed.minus(disbursement.recovered);
    if (change.isZero()) return change;
    const recovery = change.abs();
    const lines = change.gt(0)
      ? [
          { account: Account.PoolGuaranteeClaims, debit: recovery },
          { account: Account.PoolCash, credit: recovery },
          { account: Account.GuaranteeCash, debit: recovery },
          { account: Account.GuaranteeRecoveries, credit: recovery },
        ]
      : [
          { account: Account.GuaranteeRecoveries, debit: recovery },
          { account: Account.GuaranteeCash, credit: recovery },
          { account: Account.PoolCash, debit: recovery },
          { account: Account.PoolGuaranteeClaims, credit: recovery },
        ];
    await this.ledger.post(manager, {
      key: `${change.gt(0) ? 'recovery' : 'recovery-reversal'}:${causedBy}`,
      kind: change.gt(0) ? 'recovery' : 'recovery_reversal',
      causedBy,
      businessDate,
      description: change.gt(0)
        ? `Guarantee fund's share of a repayment on claimed loan ${disbursement.loanId}`
        : `Guarantee fund's share of a reversed repayment on claimed loan ${disbursement.loanId}, given back`,
      lines,
    });
    await this.disbursements.addRecovered(manager, disbursement.loanId, change);
    return change;
  }
}
