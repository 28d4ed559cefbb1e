import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListRepaymentsCommand,
  RecordRepaymentCommand,
  RepaymentRpc,
  ReverseRepaymentCommand,
} from '@qollqa/contracts';
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
  record(@Payload() command: RecordRepaymentCommand) {
    return this.recordRepayment.execute(command);
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
