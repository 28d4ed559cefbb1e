import { Injectable, Logger } from '@nestjs/common';
import {
  GrantRefusal,
  LoanDisbursedEvent,
  LoanDisbursedPayload,
  LoanWaitlistedEvent,
  SYSTEM_ACTOR,
  WaitlistedDetail,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { formatMoney } from '@qollqa/money';
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
        by: SYSTEM_ACTOR,
        note: event.payload.reason,
        noteBySystem: true,
        detail: waitlistedDetail(event.payload.reasonDetail),
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
        by: SYSTEM_ACTOR,
        note: `Paid out S/ ${loan.payout} on ${loan.disbursedOn}: loan S/ ${loan.principal} less guarantee fee S/ ${loan.guaranteeFee}${grant ? `; ${grant}` : ''}`,
        noteBySystem: true,
        detail: {
          code: 'DISBURSED',
          disbursedOn: loan.disbursedOn,
          principal: loan.principal,
          guaranteeFee: loan.guaranteeFee,
          grant: loan.grant,
          payout: loan.payout,
          grantRequested: formatMoney(application.grantRequested),
          grantRefusal: grantRefusal(loan),
        },
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

/** The waitlist reason coded; an older event carried only the leverage-limit sentence. */
function waitlistedDetail(
  reason: LoanWaitlistedEvent['payload']['reasonDetail'],
): WaitlistedDetail {
  if (!reason) return { code: 'WAITLISTED', reason: 'GUARANTEE_CAPACITY' };
  return reason.code === 'QUEUE_AHEAD'
    ? { code: 'WAITLISTED', reason: reason.code, guarantee: reason.guarantee, ahead: reason.ahead }
    : { code: 'WAITLISTED', reason: reason.code, guarantee: reason.guarantee, room: reason.room };
}

const MONEY = String.raw`(\d+\.\d{2})`;
const ENTERPRISE_LIMIT = new RegExp(
  `^Grant of ${MONEY} refused: at most ${MONEY} per enterprise, and ${MONEY} remain for this one$`,
);
const BUDGET_EXHAUSTED = new RegExp(
  `^Grant of ${MONEY} refused: the innovation fund has ${MONEY} of budget left`,
);

/** The grant refusal coded: from the event, or, in an event older than the code, from its sentence. */
function grantRefusal(loan: LoanDisbursedPayload): GrantRefusal | null {
  const coded = loan.grantRefusalDetail;
  if (coded?.code === 'GRANT_ENTERPRISE_LIMIT') {
    const { requested, limit = '0.00', remaining = '0.00' } = coded;
    return { code: coded.code, requested, limit, remaining };
  }
  if (coded?.code === 'GRANT_BUDGET_EXHAUSTED') {
    return { code: coded.code, requested: coded.requested, available: coded.available ?? '0.00' };
  }
  const text = loan.grantRefusal ?? '';
  const limit = ENTERPRISE_LIMIT.exec(text);
  if (limit) {
    const [, requested, max, remaining] = limit;
    return { code: 'GRANT_ENTERPRISE_LIMIT', requested, limit: max, remaining };
  }
  const budget = BUDGET_EXHAUSTED.exec(text);
  if (budget) return { code: 'GRANT_BUDGET_EXHAUSTED', requested: budget[1], available: budget[2] };
  return null;
}
