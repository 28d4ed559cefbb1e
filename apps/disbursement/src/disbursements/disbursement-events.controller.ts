import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ApplicationApprovedEvent,
  ApplicationEvents,
  BusinessDayClosedEvent,
  BusinessDayEvents,
  DelinquencyChangedEvent,
  LoanClaimedEvent,
  LoanEvents,
  LoanWrittenOffEvent,
  RepaymentRecordedEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { BusinessCalendar } from '../business-calendar/business-calendar.service';
import { LoanLedgerService } from '../loan-events/loan-ledger.service';
import { FollowDelinquencyService } from '../loan-events/services/follow-delinquency.service';
import { DisburseApprovedApplicationService } from './services/disburse-approved-application.service';
import { WaitlistService } from './services/waitlist.service';

/** The events the disbursement service acts on. */
@Controller()
export class DisbursementEventsController {
  constructor(
    private readonly disburse: DisburseApprovedApplicationService,
    private readonly loanLedger: LoanLedgerService,
    private readonly calendar: BusinessCalendar,
    private readonly waitlist: WaitlistService,
    private readonly delinquency: FollowDelinquencyService,
  ) {}

  @EventPattern(ApplicationEvents.Approved)
  onApproved(@Payload() event: ApplicationApprovedEvent) {
    return this.disburse.execute(event);
  }

  @EventPattern(BusinessDayEvents.Closed)
  onDayClosed(@Payload() event: BusinessDayClosedEvent) {
    return this.calendar.onDayClosed(event);
  }

  // Each of these may free guarantee capacity: the waitlist gets its chance right after.
  @EventPattern(LoanEvents.RepaymentRecorded)
  async onRepayment(@Payload() event: RepaymentRecordedEvent) {
    if (await this.loanLedger.onRepayment(event)) await this.waitlist.drain();
  }

  // A reversal only takes capacity (exposure back, a recovery given back): no waitlist to drain.
  @EventPattern(LoanEvents.RepaymentReversed)
  async onRepaymentReversed(@Payload() event: RepaymentReversedEvent) {
    await this.loanLedger.onRepaymentReversed(event);
  }

  // The loan's class and days past due, for the analytics; capacity only if it overtook a repayment.
  @EventPattern(LoanEvents.DelinquencyChanged)
  async onDelinquencyChanged(@Payload() event: DelinquencyChangedEvent) {
    if (await this.delinquency.execute(event)) await this.waitlist.drain();
  }

  @EventPattern(LoanEvents.Claimed)
  async onClaimed(@Payload() event: LoanClaimedEvent) {
    if (await this.loanLedger.onClaim(event)) await this.waitlist.drain();
  }

  @EventPattern(LoanEvents.WrittenOff)
  async onWrittenOff(@Payload() event: LoanWrittenOffEvent) {
    if (await this.loanLedger.onWriteOff(event)) await this.waitlist.drain();
  }
}
