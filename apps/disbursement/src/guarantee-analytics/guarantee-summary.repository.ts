import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Classification } from '@qollqa/contracts';
import { FundPosition } from '@qollqa/money';
import { foldChangesSql } from '@qollqa/persistence';
import { DataSource, EntityManager } from 'typeorm';

/** What the summary sums per vintage and class (guarantee_summary's measures, in its order). */
export const SUMMARY_MEASURES = [
  'loans',
  'principal',
  'guaranteed',
  'outstanding',
  'par30_outstanding',
  'claims',
  'claimed_amount',
  'recovered',
  'active_loans',
  'exposure',
] as const;

const COUNTS = new Set(['loans', 'claims', 'active_loans']);

/**
 * What the loans paid out in one vintage, or now in one SBS class, add up to: the summary's cells
 * summed over the other dimension.
 */
export interface SummaryTotals {
  /** The vintage ("2026-08") or the class ("cpp"). */
  key: string;
  loans: number;
  principal: string;
  /** Σ coverage × principal at disbursement, each loan's rounded. */
  guaranteed: string;
  /** Σ outstanding principal of the loans in the portfolio (active and claimed). */
  outstanding: string;
  /** Of it, the loans more than 30 days past due. */
  par30_outstanding: string;
  /** Loans claimed, and Σ what the fund paid for them. */
  claims: number;
  claimed_amount: string;
  /** Σ what the fund recovered of its claims. */
  recovered: string;
  /** Loans whose guarantee is active, and Σ their exposure (coverage × outstanding, each rounded). */
  active_loans: number;
  exposure: string;
}

const sumsOf = (source: string) =>
  SUMMARY_MEASURES.map((m) =>
    COUNTS.has(m) ? `sum(${source}${m})::int AS ${m}` : `sum(${source}${m})::text AS ${m}`,
  ).join(', ');

/** The summary by one of its dimensions: folded cells plus the changes not folded yet, one statement. */
const totalsBy = (dimension: 'month' | 'classification') => `
  SELECT ${dimension} AS key, ${sumsOf('')}
  FROM (
    SELECT ${dimension}, ${SUMMARY_MEASURES.join(', ')} FROM guarantee_summary
    UNION ALL
    SELECT ${dimension}, ${SUMMARY_MEASURES.join(', ')} FROM guarantee_summary_change
  ) cell
  GROUP BY ${dimension}
  HAVING sum(loans) <> 0
  ORDER BY ${dimension}`;
const BY_VINTAGE = totalsBy('month');
const BY_CLASSIFICATION = totalsBy('classification');
const FOLD = foldChangesSql({
  table: 'guarantee_summary',
  changes: 'guarantee_summary_change',
  key: ['month', 'classification'],
  measures: SUMMARY_MEASURES,
});

/**
 * The guarantee summary: per vintage (month of disbursement) and SBS class, what the loans paid out
 * add up to. The `disbursement` table's trigger writes every change of a row's contribution to
 * `guarantee_summary_change` in the row's own transaction; `fold()` moves those changes into
 * `guarantee_summary`. A read sums both in one statement, so it always sees Σ the rows as of one
 * commit, and reads a few hundred rows whatever the number of loans.
 */
@Injectable()
export class GuaranteeSummaryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per vintage, oldest first. */
  byVintage(manager: EntityManager = this.dataSource.manager): Promise<SummaryTotals[]> {
    return manager.query(BY_VINTAGE);
  }

  /** One row per SBS class the loans are in now. */
  byClassification(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(SummaryTotals & { key: Classification })[]> {
    return manager.query(BY_CLASSIFICATION);
  }

  /** The fund as it stands: the maintained position (equal to the journal) and its limit. */
  async fund(manager: EntityManager = this.dataSource.manager): Promise<FundPosition<string>> {
    const [row] = await manager.query(
      `SELECT p.available_capital::text AS available_capital, p.exposure::text AS exposure,
              f.leverage_limit::text AS leverage_limit
       FROM guarantee_position p, fund_policy f WHERE p.id = 1 AND f.id = 1`,
    );
    return {
      availableCapital: row.available_capital,
      exposure: row.exposure,
      leverageLimit: row.leverage_limit,
    };
  }

  /** The business date this service learnt from the closes of business; null before the first. */
  async businessDate(manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS date FROM business_calendar WHERE id = 1`,
    );
    return row?.date ?? null;
  }

  /** The summary against the rows it sums (guaranteeSummaryDifferences); empty when they agree. */
  differences(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return guaranteeSummaryDifferences(manager);
  }

  /**
   * Moves the pending changes into the summary, in one transaction (one folder at a time; another
   * running already means there is nothing to do). Returns how many changes it folded.
   */
  fold(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('qollqa:disbursement:guarantee-summary')) AS locked`,
      );
      if (!locked) return 0;
      const [{ folded }] = await manager.query(FOLD);
      return folded;
    });
  }
}

/**
 * The summary against the rows it sums (the reconciliation): one line per cell that differs. Empty
 * when folded rows plus pending changes are exactly Σ each paid-out loan's contribution.
 */
export async function guaranteeSummaryDifferences(
  manager: Pick<EntityManager, 'query'>,
  schema = '',
): Promise<string[]> {
  const table = (name: string) => (schema ? `${schema}.${name}` : name);
  const rows: Record<string, string | number>[] = await manager.query(`
    WITH held AS (
      SELECT month, classification, ${sumsOf('')}
      FROM (
        SELECT month, classification, ${SUMMARY_MEASURES.join(', ')} FROM ${table('guarantee_summary')}
        UNION ALL
        SELECT month, classification, ${SUMMARY_MEASURES.join(', ')} FROM ${table('guarantee_summary_change')}
      ) cell GROUP BY month, classification
    ),
    summed AS (
      SELECT c.month, c.classification, ${sumsOf('c.')}
      FROM ${table('disbursement')} d, LATERAL ${table('guarantee_contribution')}(d) c
      WHERE d.status = 'disbursed'
      GROUP BY c.month, c.classification
    )
    SELECT coalesce(h.month, s.month) AS month, coalesce(h.classification, s.classification) AS classification,
           ${SUMMARY_MEASURES.map((m) => `h.${m} AS "summary ${m}", s.${m} AS "loans ${m}"`).join(', ')}
    FROM held h FULL JOIN summed s USING (month, classification)
    WHERE ${SUMMARY_MEASURES.map(
      (m) =>
        `coalesce(h.${m}${COUNTS.has(m) ? '' : '::numeric'}, 0) <> coalesce(s.${m}${COUNTS.has(m) ? '' : '::numeric'}, 0)`,
    ).join(' OR ')}
    ORDER BY 1, 2`);
  return rows.map(
    (row) =>
      `guarantee summary ${row.month} ${row.classification}: ` +
      SUMMARY_MEASURES.filter((m) => String(row[`summary ${m}`]) !== String(row[`loans ${m}`]))
        .map(
          (m) =>
            `${m} ${row[`summary ${m}`] ?? 'none'} held, ${row[`loans ${m}`] ?? 'none'} from the loans`,
        )
        .join('; '),
  );
}
