import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReprogramLoanCommand, RepaymentRpc } from '@qollqa/contracts';
import { ReprogramLoanService } from './services/reprogram-loan.service';

/** Reprogramming one loan, over NATS from the gateway. */
@Controller()
export class ReprogrammingController {
  constructor(private readonly reprogramLoan: ReprogramLoanService) {}

  @MessagePattern(RepaymentRpc.ReprogramLoan)
  reprogram(@Payload() command: ReprogramLoanCommand) {
    return this.reprogramLoan.execute(command);
  }
}
