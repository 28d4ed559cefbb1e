import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PortfolioHistoryQuery, PortfolioSummaryView } from '@qollqa/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { PortfolioSummaryService } from '../summary/portfolio-summary.service';

/** One summary per close of business, kept when the close is announced: the trend a manager charts. */
@Injectable()
export class PortfolioHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly summaries: PortfolioSummaryService,
  ) {}

  async record(manager: EntityManager, businessDate: string): Promise<void> {
    const summary = { ...(await this.summaries.summary(manager)), asOf: businessDate };
    await manager.query(
      `INSERT INTO portfolio_history (business_date, summary) VALUES ($1, $2)
       ON CONFLICT (business_date) DO UPDATE SET summary = EXCLUDED.summary`,
      [businessDate, JSON.stringify(summary)],
    );
  }

  async between(query: PortfolioHistoryQuery): Promise<PortfolioSummaryView[]> {
    const rows = await this.dataSource.query(
      `SELECT summary FROM portfolio_history
       WHERE ($1::date IS NULL OR business_date >= $1) AND ($2::date IS NULL OR business_date <= $2)
       ORDER BY business_date`,
      [query.from ?? null, query.to ?? null],
    );
    // Closes kept before reprogramming existed had none: no loan was reprogrammed then.
    return rows.map((row: { summary: PortfolioSummaryView }) => ({
      ...row.summary,
      reprogrammed: row.summary.reprogrammed ?? { loans: 0, outstanding: '0.00' },
    }));
  }
}
