import { Injectable, Logger } from '@nestjs/common';
import { LoanDisbursedEvent, LoanWaitlistedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { ApplicationTransitions } from './application-transitions.service';
import { findApplicationForUpdate } from './lock-application';

/** What disbursement did with an approval shows on the application: waitlisted, or paid out. */
@Injectable()
export class RecordDisbursementService {
  private readonly logger = new Logger(RecordDisbursementService.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly transitions: ApplicationTransitions,
  ) {}

  async waitlisted(event: LoanWaitlistedEvent): Promise<void> {
    await this.inbox.processOnce(event, async (manager) => {
      const application = await findApplicationForUpdate(manager, event.payload.applicationId);
      if (application?.status !== 'approved')
        return this.stale(event.payload.applicationId, 'waitlisted');
      await this.transitions.move(manager, application, {
        to: 'waitlisted',
        by: 'system',
        note: event.payload.reason,
        cause: event,
      });
    });
  }

  async disbursed(event: LoanDisbursedEvent): Promise<void> {
    const loan = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const application = await findApplicationForUpdate(manager, loan.applicationId);
      if (application?.status !== 'approved' && application?.status !== 'waitlisted') {
        return this.stale(loan.applicationId, 'disbursed');
      }
      application.loanId = loan.loanId;
      const grant =
        loan.grantRefusal ??
        (loan.grant === '0.00' ? null : `with a matching grant of S/ ${loan.grant}`);
      await this.transitions.move(manager, application, {
        to: 'disbursed',
        by: 'system',
        note: `Paid out S/ ${loan.payout} on ${loan.disbursedOn}: loan S/ ${loan.principal} less guarantee fee S/ ${loan.guaranteeFee}${grant ? `; ${grant}` : ''}`,
        cause: event,
      });
    });
  }

  private stale(applicationId: string, what: string): void {
    this.logger.warn(
      `Application ${applicationId}: ${what} event ignored, the application is not waiting for it`,
    );
  }
}
