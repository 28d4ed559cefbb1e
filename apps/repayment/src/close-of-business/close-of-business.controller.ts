import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CloseOfBusinessCommand, ListClosesCommand, RepaymentRpc } from '@qollqa/contracts';
import { CloseHistoryService } from './close-history.service';
import { CloseOfBusinessService } from './close-of-business.service';

@Controller()
export class CloseOfBusinessController {
  constructor(
    private readonly closeOfBusiness: CloseOfBusinessService,
    private readonly history: CloseHistoryService,
  ) {}

  @MessagePattern(RepaymentRpc.CloseOfBusiness)
  close(@Payload() command: CloseOfBusinessCommand) {
    return this.closeOfBusiness.execute(command);
  }

  @MessagePattern(RepaymentRpc.ListCloses)
  list(@Payload() command: ListClosesCommand) {
    return this.history.page(command.actor, command.query);
  }
}
