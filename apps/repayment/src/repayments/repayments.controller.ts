import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RecordRepaymentCommand, RepaymentRpc } from '@qollqa/contracts';
import { RecordRepaymentService } from './services/record-repayment.service';

@Controller()
export class RepaymentsController {
  constructor(private readonly recordRepayment: RecordRepaymentService) {}

  @MessagePattern(RepaymentRpc.RecordRepayment)
  record(@Payload() command: RecordRepaymentCommand) {
    return this.recordRepayment.execute(command);
  }
}
