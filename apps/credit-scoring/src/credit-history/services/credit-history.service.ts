import { Injectable } from '@nestjs/common';
import { DelinquencyChangedEvent, LoanRepaidEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';

/**
 * Keeps each enterprise's record with the fund from loan events, for the scorecard's repayment-history
 * factor: loans repaid, and the worst days past due any of its loans reached. Both figures come out
 * the same in whatever order the events arrive: the worst DPD is a maximum, and a loan counts as
 * repaid once (credit_loan). Every event names its enterprise, so none waits for another.
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
      const firstTime = await manager.query(
        `INSERT INTO credit_loan AS l (loan_id, enterprise_id, repaid) VALUES ($1, $2, true)
         ON CONFLICT (loan_id) DO UPDATE SET repaid = true WHERE NOT l.repaid RETURNING loan_id`,
        [loanId, enterpriseId],
      );
      await this.record(manager, enterpriseId, maxDaysPastDue, firstTime.length > 0 ? 1 : 0);
    });
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
