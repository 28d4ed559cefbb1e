import { Injectable } from '@nestjs/common';
import {
  DelinquencyChangedEvent,
  LoanRepaidEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';

/**
 * Keeps each enterprise's record with the fund from loan events, for the scorecard's repayment-history
 * factor: loans repaid, and the worst days past due any of its loans reached. Both figures come out
 * the same in whatever order the events arrive: the worst DPD is a maximum, and whether a loan counts
 * as repaid (credit_loan) follows the newest event that says so — loan.repaid, or the reversal of the
 * repayment that had repaid it. Every event names its enterprise, so none waits for another.
 */
@Injectable()
export class CreditHistoryService {
  constructor(private readonly inbox: InboxService) {}

  async onDelinquencyChanged(event: DelinquencyChangedEvent): Promise<void> {
    const { enterpriseId, daysPastDue } = event.payload;
    await this.inbox.processOnce(event, (manager) =>
      this.record(manager, enterpriseId, daysPastDue, 0),
    );
  }

  async onRepaid(event: LoanRepaidEvent): Promise<void> {
    const { loanId, enterpriseId, maxDaysPastDue } = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const change = await this.countAsRepaid(
        manager,
        loanId,
        enterpriseId,
        true,
        event.aggregateVersion,
      );
      await this.record(manager, enterpriseId, maxDaysPastDue, change);
    });
  }

  /** A reversed repayment leaves the loan open: it no longer counts as repaid (if it did). */
  async onRepaymentReversed(event: RepaymentReversedEvent): Promise<void> {
    const { loanId, enterpriseId, loan } = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const change = await this.countAsRepaid(
        manager,
        loanId,
        enterpriseId,
        loan.status === 'repaid',
        event.aggregateVersion,
      );
      if (change !== 0) await this.record(manager, enterpriseId, 0, change);
    });
  }

  /**
   * Whether the loan counts as repaid, as its event at `version` says, if that is newer than what
   * the loan's row knows. Returns how the enterprise's count of loans repaid moves: −1, 0 or +1.
   */
  private async countAsRepaid(
    manager: EntityManager,
    loanId: string,
    enterpriseId: string,
    repaid: boolean,
    version: number,
  ): Promise<number> {
    await manager.query(
      `INSERT INTO credit_loan (loan_id, enterprise_id, repaid, repaid_version) VALUES ($1, $2, false, 0)
       ON CONFLICT (loan_id) DO NOTHING`,
      [loanId, enterpriseId],
    );
    const [row]: { repaid: boolean; repaid_version: number }[] = await manager.query(
      `SELECT repaid, repaid_version FROM credit_loan WHERE loan_id = $1 FOR UPDATE`,
      [loanId],
    );
    if (version <= row.repaid_version) return 0;
    await manager.query(
      `UPDATE credit_loan SET repaid = $2, repaid_version = $3 WHERE loan_id = $1`,
      [loanId, repaid, version],
    );
    return Number(repaid) - Number(row.repaid);
  }

  private async record(
    manager: EntityManager,
    enterpriseId: string,
    daysPastDue: number,
    repaid: number,
  ) {
    await manager.query(
      `INSERT INTO credit_history AS h (enterprise_id, loans_repaid, max_days_past_due) VALUES ($1, $3, $2)
       ON CONFLICT (enterprise_id) DO UPDATE SET loans_repaid = h.loans_repaid + $3,
         max_days_past_due = greatest(h.max_days_past_due, $2), updated_at = now()`,
      [enterpriseId, daysPastDue, repaid],
    );
  }
}
