import { Module } from '@nestjs/common';
import { PortfolioHistoryService } from './history/portfolio-history.service';
import { PortfolioController } from './portfolio.controller';
import { PortfolioProjection } from './projection/portfolio-projection.service';
import { PortfolioSummaryService } from './summary/portfolio-summary.service';

@Module({
  controllers: [PortfolioController],
  providers: [PortfolioProjection, PortfolioSummaryService, PortfolioHistoryService],
  exports: [PortfolioSummaryService],
})
export class PortfolioModule {}
