import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReprogramLoanCommand, RepaymentRpc } from '@qollqa/contracts';
import { PreviewReprogrammingService } from './services/preview-reprogramming.service';
import { ReprogramLoanService } from './services/reprogram-loan.service';

/** Reprogramming one loan, and previewing it, over NATS from the gateway. */
@Controller()
export class ReprogrammingController {
  constructor(
    private readonly reprogramLoan: ReprogramLoanService,
    private readonly previewReprogramming: PreviewReprogrammingService,
  ) {}

  @MessagePattern(RepaymentRpc.ReprogramLoan)
  reprogram(@Payload() command: ReprogramLoanCommand) {
    return this.reprogramLoan.execute(command);
  }

  @MessagePattern(RepaymentRpc.PreviewReprogramming)
  preview(@Payload() command: ReprogramLoanCommand) {
    return this.previewReprogramming.execute(command);
  }
}
