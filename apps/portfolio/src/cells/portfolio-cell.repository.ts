import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Classification } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { foldChangesSql, WriteBatch } from '@qollqa/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { inPortfolio, PortfolioLoan } from '../loans/portfolio-loan';
import { dpdBand } from '../projection/dpd-band';

/** The loans of the gross portfolio in one value chain, municipality, class, DPD band and reprogramming. */
export interface PortfolioCell {
  valueChain: string;
  municipality: string;
  classification: Classification;
  /** 0: DPD ≤ 1, 1: 1 < DPD ≤ 30, 2: 30 < DPD ≤ 90, 3: DPD > 90 (dpdBand()). */
  dpdBand: number;
  reprogrammed: boolean;
  loans: number;
  outstanding: Decimal;
}

interface PortfolioCellRow {
  value_chain: string;
  municipality: string;
  classification: Classification;
  dpd_band: number;
  reprogrammed: boolean;
  loans: number;
  outstanding: string;
}

/** A cell's key columns, in the order of `cellOf`. */
const KEY_COLUMNS = ['value_chain', 'municipality', 'classification', 'dpd_band', 'reprogrammed'];
const KEY = KEY_COLUMNS.join(', ');

/** The cell a loan counts in: its key, in the order of KEY. */
const cellOf = (loan: PortfolioLoan): unknown[] => [
  loan.valueChain,
  loan.municipality,
  loan.classification,
  dpdBand(loan.daysPastDue),
  loan.reprogrammed,
];

/**
 * The cells as of one commit: the folded cells plus the changes not folded yet, summed per key
 * (one statement, so never a fold half seen). `schema` qualifies the tables for a reader outside
 * the service (the reconciliation).
 */
export function portfolioCellsSql(schema = ''): string {
  const table = (name: string) => (schema ? `${schema}.${name}` : name);
  return `
    SELECT ${KEY}, sum(loans)::int AS loans, sum(outstanding) AS outstanding
    FROM (
      SELECT ${KEY}, loans, outstanding FROM ${table('portfolio_cell')}
      UNION ALL
      SELECT ${KEY}, loans, outstanding FROM ${table('portfolio_cell_change')}
    ) cell
    GROUP BY ${KEY}
    HAVING sum(loans) > 0`;
}
const CELLS_WITH_LOANS = portfolioCellsSql();
const FOLD = foldChangesSql({
  table: 'portfolio_cell',
  changes: 'portfolio_cell_change',
  key: KEY_COLUMNS,
  measures: ['loans', 'outstanding'],
});

/**
 * The gross portfolio pre-summed: each cell holds Σ the loans in it, so the summary reads a few
 * hundred rows whatever the number of loans. A loan that moves writes its change as rows of
 * `portfolio_cell_change` (never waiting for another handler on the cell's row, which every loan
 * of its value chain, municipality and class shares); `fold()` moves the changes into
 * `portfolio_cell` (FoldPortfolioCellsService, every 2 s). Reads sum both.
 */
@Injectable()
export class PortfolioCellRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Moves a loan's contribution from the cell it counted in as `before` to the one it counts in as
   * `after` (either may be none: a loan outside the portfolio counts nowhere), in one statement.
   */
  async moveLoan(
    manager: EntityManager,
    before: PortfolioLoan,
    after: PortfolioLoan,
  ): Promise<void> {
    const changes: unknown[][] = [];
    const [from, to] = [cellOf(before), cellOf(after)];
    if (inPortfolio(before) && inPortfolio(after) && from.every((value, i) => value === to[i])) {
      // The usual repayment: the loan stays in its cell, only its outstanding moves.
      const change = after.outstanding.minus(before.outstanding);
      if (!change.isZero()) changes.push([...to, 0, change.toFixed()]);
    } else {
      if (inPortfolio(before)) changes.push([...from, -1, before.outstanding.negated().toFixed()]);
      if (inPortfolio(after)) changes.push([...to, 1, after.outstanding.toFixed()]);
    }
    if (changes.length === 0) return;
    // One multi-row INSERT for the (one or two) rows.
    const batch = new WriteBatch();
    for (const change of changes)
      batch.addRow(`portfolio_cell_change (${KEY}, loans, outstanding)`, change);
    await batch.run(manager);
  }

  /** The cells that hold at least one loan. */
  async withLoans(manager: EntityManager = this.dataSource.manager): Promise<PortfolioCell[]> {
    const rows: PortfolioCellRow[] = await manager.query(CELLS_WITH_LOANS);
    return rows.map((row) => ({
      valueChain: row.value_chain,
      municipality: row.municipality,
      classification: row.classification,
      dpdBand: row.dpd_band,
      reprogrammed: row.reprogrammed,
      loans: row.loans,
      outstanding: new Decimal(row.outstanding),
    }));
  }

  /** Moves the pending changes into the cells, in one statement; returns how many it folded. */
  async fold(): Promise<number> {
    const [{ folded }] = await this.dataSource.query(FOLD);
    return folded;
  }
}
