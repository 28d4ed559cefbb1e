import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FundMovementCommand, FundsRpc } from '@qollqa/contracts';
import { AddFundMoneyService } from './services/add-fund-money.service';
import { FundFiguresService } from './services/fund-figures.service';

@Controller()
export class FundsController {
  constructor(
    private readonly figures: FundFiguresService,
    private readonly addFundMoney: AddFundMoneyService,
  ) {}

  @MessagePattern(FundsRpc.Get)
  get() {
    return this.figures.figures();
  }

  @MessagePattern(FundsRpc.AddGuaranteeCapital)
  addGuaranteeCapital(@Payload() command: FundMovementCommand) {
    return this.addFundMoney.addGuaranteeCapital(command);
  }

  @MessagePattern(FundsRpc.AddInnovationBudget)
  addInnovationBudget(@Payload() command: FundMovementCommand) {
    return this.addFundMoney.addInnovationBudget(command);
  }
}
