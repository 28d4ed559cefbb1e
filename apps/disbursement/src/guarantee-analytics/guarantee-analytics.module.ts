import { Module } from '@nestjs/common';
import { GuaranteeAnalyticsController } from './guarantee-analytics.controller';
import { GuaranteeSummaryRepository } from './guarantee-summary.repository';
import { FoldGuaranteeSummaryService } from './services/fold-guarantee-summary.service';
import { GetGuaranteeAnalyticsService } from './services/get-guarantee-analytics.service';
import { RunStressTestService } from './services/run-stress-test.service';

@Module({
  controllers: [GuaranteeAnalyticsController],
  providers: [
    GuaranteeSummaryRepository,
    GetGuaranteeAnalyticsService,
    RunStressTestService,
    FoldGuaranteeSummaryService,
  ],
  exports: [GuaranteeSummaryRepository],
})
export class GuaranteeAnalyticsModule {}
