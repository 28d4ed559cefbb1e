import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GuaranteeAnalyticsRpc, GuaranteeStressQuery } from '@qollqa/contracts';
import { GetGuaranteeAnalyticsService } from './services/get-guarantee-analytics.service';
import { RunStressTestService } from './services/run-stress-test.service';

/** The guarantee fund's analytics and stress test, for the fund manager (through the gateway). */
@Controller()
export class GuaranteeAnalyticsController {
  constructor(
    private readonly analytics: GetGuaranteeAnalyticsService,
    private readonly stress: RunStressTestService,
  ) {}

  @MessagePattern(GuaranteeAnalyticsRpc.Analytics)
  getAnalytics() {
    return this.analytics.execute();
  }

  @MessagePattern(GuaranteeAnalyticsRpc.Stress)
  runStressTest(@Payload() query: GuaranteeStressQuery) {
    return this.stress.execute(query);
  }
}
