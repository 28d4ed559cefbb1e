import { Module } from '@nestjs/common';
import { PortfolioCellRepository } from './cells/portfolio-cell.repository';
import { FoldPortfolioCellsService } from './cells/services/fold-portfolio-cells.service';
import { PortfolioHistoryRepository } from './history/portfolio-history.repository';
import { PortfolioHistoryService } from './history/portfolio-history.service';
import { ImpactController } from './impact/impact.controller';
import { ImpactRepository } from './impact/impact.repository';
import { GetImpactService } from './impact/services/get-impact.service';
import { PortfolioLoanRepository } from './loans/portfolio-loan.repository';
import { PortfolioController } from './portfolio.controller';
import { PortfolioProjection } from './projection/portfolio-projection.service';
import { ReadModelRepository } from './rebuild/read-model.repository';
import { PortfolioStateRepository } from './state/portfolio-state.repository';
import { PortfolioSummaryService } from './summary/portfolio-summary.service';

@Module({
  controllers: [PortfolioController, ImpactController],
  providers: [
    PortfolioLoanRepository,
    PortfolioCellRepository,
    FoldPortfolioCellsService,
    PortfolioStateRepository,
    PortfolioHistoryRepository,
    ImpactRepository,
    ReadModelRepository,
    PortfolioProjection,
    PortfolioSummaryService,
    PortfolioHistoryService,
    GetImpactService,
  ],
  exports: [PortfolioSummaryService],
})
export class PortfolioModule {}
