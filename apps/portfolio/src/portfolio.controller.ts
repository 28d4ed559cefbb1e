import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  BusinessDayClosedEvent,
  BusinessDayEvents,
  DelinquencyChangedEvent,
  FundEvents,
  GuaranteePositionChangedEvent,
  LoanClaimedEvent,
  LoanDisbursedEvent,
  LoanEvents,
  LoanRepaidEvent,
  LoanReprogrammedEvent,
  LoanWrittenOffEvent,
  PortfolioHistoryQuery,
  PortfolioRpc,
  RepaymentRecordedEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { PortfolioHistoryService } from './history/portfolio-history.service';
import { PortfolioProjection } from './projection/portfolio-projection.service';
import { PortfolioSummaryService } from './summary/portfolio-summary.service';

/** The portfolio's NATS edge: the events it is built from, and the fund manager's questions. */
@Controller()
export class PortfolioController {
  constructor(
    private readonly projection: PortfolioProjection,
    private readonly summaries: PortfolioSummaryService,
    private readonly history: PortfolioHistoryService,
  ) {}

  @MessagePattern(PortfolioRpc.Summary)
  summary() {
    return this.summaries.summary();
  }

  @MessagePattern(PortfolioRpc.History)
  historyBetween(@Payload() query: PortfolioHistoryQuery) {
    return this.history.between(query);
  }

  @EventPattern(LoanEvents.Disbursed)
  onDisbursed(@Payload() event: LoanDisbursedEvent) {
    return this.projection.onDisbursed(event);
  }

  @EventPattern(LoanEvents.RepaymentRecorded)
  onRepayment(@Payload() event: RepaymentRecordedEvent) {
    return this.projection.onRepayment(event);
  }

  @EventPattern(LoanEvents.RepaymentReversed)
  onRepaymentReversed(@Payload() event: RepaymentReversedEvent) {
    return this.projection.onRepaymentReversed(event);
  }

  @EventPattern(LoanEvents.DelinquencyChanged)
  onDelinquencyChanged(@Payload() event: DelinquencyChangedEvent) {
    return this.projection.onDelinquencyChanged(event);
  }

  @EventPattern(LoanEvents.Claimed)
  onClaimed(@Payload() event: LoanClaimedEvent) {
    return this.projection.onClaimed(event);
  }

  @EventPattern(LoanEvents.Repaid)
  onRepaid(@Payload() event: LoanRepaidEvent) {
    return this.projection.onRepaid(event);
  }

  @EventPattern(LoanEvents.WrittenOff)
  onWrittenOff(@Payload() event: LoanWrittenOffEvent) {
    return this.projection.onWrittenOff(event);
  }

  @EventPattern(LoanEvents.Reprogrammed)
  onReprogrammed(@Payload() event: LoanReprogrammedEvent) {
    return this.projection.onReprogrammed(event);
  }

  @EventPattern(FundEvents.GuaranteePositionChanged)
  onGuaranteePosition(@Payload() event: GuaranteePositionChangedEvent) {
    return this.projection.onGuaranteePosition(event);
  }

  @EventPattern(BusinessDayEvents.Closed)
  onDayClosed(@Payload() event: BusinessDayClosedEvent) {
    return this.projection.onDayClosed(event);
  }
}
