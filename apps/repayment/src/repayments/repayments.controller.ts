import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListRepaymentsCommand,
  RecordRepaymentCommand,
  RepaymentRpc,
  ReverseRepaymentCommand,
} from '@qollqa/contracts';
import { domainMetrics } from '@qollqa/platform';
import { RecordRepaymentService } from './services/record-repayment.service';
import { RepaymentQueries } from './services/repayment-queries.service';
import { ReverseRepaymentService } from './services/reverse-repayment.service';

@Controller()
export class RepaymentsController {
  constructor(
    private readonly recordRepayment: RecordRepaymentService,
    private readonly reverseRepayment: ReverseRepaymentService,
    private readonly queries: RepaymentQueries,
  ) {}

  @MessagePattern(RepaymentRpc.RecordRepayment)
  async record(@Payload() command: RecordRepaymentCommand) {
    const recorded = await this.recordRepayment.execute(command);
    domainMetrics.repayments.inc();
    return recorded;
  }

  @MessagePattern(RepaymentRpc.ListRepayments)
  list(@Payload() command: ListRepaymentsCommand) {
    return this.queries.page(command.actor, command.loanId, command.query);
  }

  @MessagePattern(RepaymentRpc.ReverseRepayment)
  reverse(@Payload() command: ReverseRepaymentCommand) {
    return this.reverseRepayment.execute(command);
  }
}
