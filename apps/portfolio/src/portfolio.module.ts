import { Module } from '@nestjs/common';
import { PortfolioHistoryService } from './history/portfolio-history.service';
import { ImpactController } from './impact/impact.controller';
import { ImpactRepository } from './impact/impact.repository';
import { GetImpactService } from './impact/services/get-impact.service';
import { PortfolioController } from './portfolio.controller';
import { PortfolioProjection } from './projection/portfolio-projection.service';
import { PortfolioSummaryService } from './summary/portfolio-summary.service';

@Module({
  controllers: [PortfolioController, ImpactController],
  providers: [
    PortfolioProjection,
    PortfolioSummaryService,
    PortfolioHistoryService,
    ImpactRepository,
    GetImpactService,
  ],
  exports: [PortfolioSummaryService],
})
export class PortfolioModule {}
