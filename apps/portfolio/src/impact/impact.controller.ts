import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PortfolioImpactRpc } from '@qollqa/contracts';
import { GetImpactService } from './services/get-impact.service';

/** The programme's impact, for the fund manager (through the gateway). */
@Controller()
export class ImpactController {
  constructor(private readonly impact: GetImpactService) {}

  @MessagePattern(PortfolioImpactRpc.Impact)
  getImpact() {
    return this.impact.execute();
  }
}
