import { Injectable } from '@nestjs/common';
import { DelinquencyChangedEvent, LoanDisbursedEvent, LoanRepaidEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';

/**
 * Keeps each enterprise's record with the fund from loan events, for the scorecard's repayment-history
 * factor: loans repaid, and the worst days past due any of its loans reached.
 */
@Injectable()
export class CreditHistoryService {
  constructor(private readonly inbox: InboxService) {}

  async onDisbursed(event: LoanDisbursedEvent): Promise<void> {
    await this.inbox.processOnce(event, async (manager) => {
      await manager.query(
        'INSERT INTO loan_enterprise (loan_id, enterprise_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [event.payload.loanId, event.payload.enterprise.id],
      );
    });
  }

  async onDelinquencyChanged(event: DelinquencyChangedEvent): Promise<void> {
    await this.inbox.processOnce(event, async (manager) => {
      const [loan] = await manager.query(
        'SELECT enterprise_id FROM loan_enterprise WHERE loan_id = $1',
        [event.payload.loanId],
      );
      if (loan) await this.record(manager, loan.enterprise_id, event.payload.daysPastDue, 0);
    });
  }

  async onRepaid(event: LoanRepaidEvent): Promise<void> {
    await this.inbox.processOnce(event, (manager) =>
      this.record(manager, event.payload.enterpriseId, event.payload.maxDaysPastDue, 1),
    );
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
