import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PortfolioHistoryQuery, PortfolioSummaryView } from '@qollqa/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** A summary as kept: closes kept before reprogramming existed have no `reprogrammed`. */
type StoredSummary = Omit<PortfolioSummaryView, 'reprogrammed'> &
  Partial<Pick<PortfolioSummaryView, 'reprogrammed'>>;

/** One summary per close of business (portfolio_history), as it stood at that close. */
@Injectable()
export class PortfolioHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The close's summary; a close recorded again replaces it. */
  async save(
    manager: EntityManager,
    businessDate: string,
    summary: PortfolioSummaryView,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO portfolio_history (business_date, summary) VALUES ($1, $2)
       ON CONFLICT (business_date) DO UPDATE SET summary = EXCLUDED.summary`,
      [businessDate, JSON.stringify(summary)],
    );
  }

  /** The closes from `from` to `to` (each bound optional, both included), oldest first. */
  async between(query: PortfolioHistoryQuery): Promise<PortfolioSummaryView[]> {
    const rows: { summary: StoredSummary }[] = await this.dataSource.query(
      `SELECT summary FROM portfolio_history
       WHERE ($1::date IS NULL OR business_date >= $1) AND ($2::date IS NULL OR business_date <= $2)
       ORDER BY business_date`,
      [query.from ?? null, query.to ?? null],
    );
    // Closes kept before reprogramming existed had none: no loan was reprogrammed then.
    return rows.map((row) => ({
      ...row.summary,
      reprogrammed: row.summary.reprogrammed ?? { loans: 0, outstanding: '0.00' },
    }));
  }
}
