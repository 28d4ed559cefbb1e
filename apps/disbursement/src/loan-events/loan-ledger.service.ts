import { Injectable } from '@nestjs/common';
import { LoanClaimedEvent, LoanWrittenOffEvent, RepaymentRecordedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { Decimal, formatMoney, money, roundMoney } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { DisbursementRow, lockDisbursement } from '../disbursements/disbursement.row';
import { Account } from '../ledger/ledger-accounts';
import { LedgerService } from '../ledger/ledger.service';

/**
 * The ledger side of what happens to a loan in the repayment service: repayments return to the lending
 * pool (and, on a claimed loan, the fund's coverage share until it has recovered its claim), claims
 * are paid by the guarantee fund, write-offs are losses of the pool. Each event posts once (inbox),
 * and the guarantee fund's exposure follows the loan's outstanding principal.
 */
@Injectable()
export class LoanLedgerService {
  constructor(
    private readonly inbox: InboxService,
    private readonly ledger: LedgerService,
  ) {}

  async onRepayment(event: RepaymentRecordedEvent): Promise<boolean> {
    const repayment = event.payload;
    let applied = false;
    await this.inbox.processOnce(event, async (manager) => {
      const row = await this.lockLoan(manager, repayment.loanId);
      const amount = money(repayment.amount);
      const principal = money(repayment.allocated.principal).plus(repayment.allocated.prepayment);
      const interest = money(repayment.allocated.interest).plus(
        repayment.allocated.moratoryInterest,
      );
      await this.ledger.post(manager, {
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
      if (row.guarantee_status === 'claimed')
        await this.recover(manager, row, amount, event.id, repayment.paidOn);
      await this.followOutstanding(
        manager,
        row,
        money(repayment.outstandingPrincipal),
        repayment.loanStatus === 'repaid',
      );
      applied = true;
    });
    return applied;
  }

  async onClaim(event: LoanClaimedEvent): Promise<boolean> {
    const claim = event.payload;
    let applied = false;
    await this.inbox.processOnce(event, async (manager) => {
      const row = await this.lockLoan(manager, claim.loanId);
      const amount = money(claim.claimAmount);
      await this.ledger.post(manager, {
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
      // The claimed loan's exposure leaves the fund's figures; the fund's capital falls by the claim.
      await manager.query(
        `UPDATE guarantee_position SET available_capital = available_capital - $1, exposure = exposure - $2 WHERE id = 1`,
        [formatMoney(amount), row.exposure],
      );
      await manager.query(
        `UPDATE disbursement SET guarantee_status = 'claimed', exposure = 0, claim_paid = $2, outstanding_principal = $3
         WHERE loan_id = $1`,
        [claim.loanId, formatMoney(amount), claim.outstandingPrincipal],
      );
      applied = true;
    });
    return applied;
  }

  async onWriteOff(event: LoanWrittenOffEvent): Promise<boolean> {
    const writeOff = event.payload;
    let applied = false;
    await this.inbox.processOnce(event, async (manager) => {
      const row = await this.lockLoan(manager, writeOff.loanId);
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
      await this.followOutstanding(manager, row, new Decimal(0), true);
      applied = true;
    });
    return applied;
  }

  /** The fund takes the coverage share of a repayment on a claimed loan, until it has its claim back. */
  private async recover(
    manager: EntityManager,
    row: DisbursementRow,
    amount: Decimal,
    causedBy: string,
    paidOn: string,
  ) {
    const stillOwed = money(row.claim_paid).minus(row.recovered);
    const recovery = Decimal.min(roundMoney(amount.mul(row.coverage)), stillOwed);
    if (recovery.lte(0)) return;
    await this.ledger.post(manager, {
      key: `recovery:${causedBy}`,
      kind: 'recovery',
      causedBy,
      businessDate: paidOn,
      description: `Guarantee fund's share of a repayment on claimed loan ${row.loan_id}`,
      lines: [
        { account: Account.PoolGuaranteeClaims, debit: recovery },
        { account: Account.PoolCash, credit: recovery },
        { account: Account.GuaranteeCash, debit: recovery },
        { account: Account.GuaranteeRecoveries, credit: recovery },
      ],
    });
    await manager.query(
      'UPDATE guarantee_position SET available_capital = available_capital + $1 WHERE id = 1',
      [formatMoney(recovery)],
    );
    await manager.query('UPDATE disbursement SET recovered = recovered + $2 WHERE loan_id = $1', [
      row.loan_id,
      formatMoney(recovery),
    ]);
  }

  /** Exposure = coverage × outstanding principal while the guarantee is active; none once it ends. */
  private async followOutstanding(
    manager: EntityManager,
    row: DisbursementRow,
    outstanding: Decimal,
    ended: boolean,
  ) {
    const active = row.guarantee_status === 'active';
    const exposure = active && !ended ? roundMoney(outstanding.mul(row.coverage)) : new Decimal(0);
    const change = active ? exposure.minus(row.exposure) : new Decimal(0);
    await manager.query(
      `UPDATE disbursement SET outstanding_principal = $2, exposure = $3,
         guarantee_status = CASE WHEN $4 AND guarantee_status = 'active' THEN 'released' ELSE guarantee_status END
       WHERE loan_id = $1`,
      [row.loan_id, formatMoney(outstanding), formatMoney(exposure), ended],
    );
    if (!change.isZero()) {
      await manager.query('UPDATE guarantee_position SET exposure = exposure + $1 WHERE id = 1', [
        formatMoney(change),
      ]);
    }
  }

  private async lockLoan(manager: EntityManager, loanId: string): Promise<DisbursementRow> {
    const [row]: DisbursementRow[] = await manager.query(lockDisbursement('loan_id'), [loanId]);
    // The loan.disbursed event comes from this service, so an unknown loan is a bad event.
    if (!row) throw new Error(`Loan ${loanId} is not one this service paid out`);
    return row;
  }
}
