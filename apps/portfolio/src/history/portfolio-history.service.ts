import { Injectable } from '@nestjs/common';
import { PortfolioHistoryQuery, PortfolioSummaryView } from '@qollqa/contracts';
import { EntityManager } from 'typeorm';
import { PortfolioSummaryService } from '../summary/portfolio-summary.service';
import { PortfolioHistoryRepository } from './portfolio-history.repository';

/** One summary per close of business, kept when the close is announced: the trend a manager charts. */
@Injectable()
export class PortfolioHistoryService {
  constructor(
    private readonly closes: PortfolioHistoryRepository,
    private readonly summaries: PortfolioSummaryService,
  ) {}

  async record(manager: EntityManager, businessDate: string): Promise<void> {
    const summary = { ...(await this.summaries.summary(manager)), asOf: businessDate };
    await this.closes.save(manager, businessDate, summary);
  }

  between(query: PortfolioHistoryQuery): Promise<PortfolioSummaryView[]> {
    return this.closes.between(query);
  }
}
