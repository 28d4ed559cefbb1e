import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  DelinquencyChangedEvent,
  LoanEvents,
  LoanRepaidEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { CreditHistoryService } from './services/credit-history.service';

@Controller()
export class CreditHistoryController {
  constructor(private readonly history: CreditHistoryService) {}

  @EventPattern(LoanEvents.DelinquencyChanged)
  onDelinquencyChanged(@Payload() event: DelinquencyChangedEvent) {
    return this.history.onDelinquencyChanged(event);
  }

  @EventPattern(LoanEvents.Repaid)
  onRepaid(@Payload() event: LoanRepaidEvent) {
    return this.history.onRepaid(event);
  }

  @EventPattern(LoanEvents.RepaymentReversed)
  onRepaymentReversed(@Payload() event: RepaymentReversedEvent) {
    return this.history.onRepaymentReversed(event);
  }
}
