import { Injectable, Logger } from '@nestjs/common';
import { LoanReprogrammedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { TimelineEntry } from '../entities/timeline-entry.entity';
import { findApplicationForUpdate } from './lock-application';

/**
 * The family's loan was reprogrammed: its timeline says so — why (the reason's code, and the fund
 * manager's note in their own words), by how many months, and what it pays next (the first new
 * installment) — dated when it happened. The application's status does not change (it is
 * `disbursed`); one entry per reprogramming (the inbox), whatever the order it arrives in.
 */
@Injectable()
export class RecordReprogrammingService {
  private readonly logger = new Logger(RecordReprogrammingService.name);

  constructor(private readonly inbox: InboxService) {}

  async execute(event: LoanReprogrammedEvent): Promise<void> {
    const reprogramming = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      // Locked like every change of the application: its timeline grows in one order.
      const application = await findApplicationForUpdate(manager, reprogramming.applicationId);
      if (!application) {
        this.logger.warn(
          `Loan ${reprogramming.loanId} reprogrammed: no application ${reprogramming.applicationId} here`,
        );
        return;
      }
      await manager.insert(TimelineEntry, {
        applicationId: application.id,
        // A loan is reprogrammed only once paid out (loan.disbursed may still be on its way here).
        status: 'disbursed',
        at: new Date(event.occurredAt),
        by: reprogramming.by,
        note: reprogramming.note,
        noteBySystem: false,
        detail: {
          code: 'REPROGRAMMED',
          reason: reprogramming.reason,
          extensionMonths: reprogramming.extensionMonths,
          graceMonths: reprogramming.graceMonths,
          nextDueDate: reprogramming.nextInstallment.dueDate,
          nextInstallment: reprogramming.nextInstallment.amountDue,
        },
      });
    });
  }
}
