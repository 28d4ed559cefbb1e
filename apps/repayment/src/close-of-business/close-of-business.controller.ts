import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CloseOfBusinessCommand, RepaymentRpc } from '@qollqa/contracts';
import { CloseOfBusinessService } from './close-of-business.service';

@Controller()
export class CloseOfBusinessController {
  constructor(private readonly closeOfBusiness: CloseOfBusinessService) {}

  @MessagePattern(RepaymentRpc.CloseOfBusiness)
  close(@Payload() command: CloseOfBusinessCommand) {
    return this.closeOfBusiness.execute(command);
  }
}
