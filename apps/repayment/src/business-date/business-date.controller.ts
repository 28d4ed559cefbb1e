import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { BusinessDateView, RepaymentRpc } from '@qollqa/contracts';
import { BusinessDateService } from './business-date.service';

@Controller()
export class BusinessDateController {
  constructor(private readonly businessDates: BusinessDateService) {}

  @MessagePattern(RepaymentRpc.GetBusinessDate)
  async get(): Promise<BusinessDateView> {
    return { businessDate: await this.businessDates.current() };
  }
}
