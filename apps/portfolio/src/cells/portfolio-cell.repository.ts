import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Classification } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
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

/** The cell a loan counts in: the first five parameters of the statements below ($6 is an amount). */
const cellOf = (loan: PortfolioLoan): unknown[] => [
  loan.valueChain,
  loan.municipality,
  loan.classification,
  dpdBand(loan.daysPastDue),
  loan.reprogrammed,
];

const CELL = `value_chain = $1 AND municipality = $2 AND classification = $3 AND dpd_band = $4
  AND reprogrammed = $5`;

/**
 * The gross portfolio pre-summed (portfolio_cell): each cell holds Σ the loans in it, so the summary
 * reads a few hundred rows whatever the number of loans.
 */
@Injectable()
export class PortfolioCellRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Moves a loan's contribution from the cell it counted in as `before` to the one it counts in as
   * `after` (either may be none: a loan outside the portfolio counts nowhere).
   */
  async moveLoan(
    manager: EntityManager,
    before: PortfolioLoan,
    after: PortfolioLoan,
  ): Promise<void> {
    const [from, to] = [cellOf(before), cellOf(after)];
    const sameCell = from.every((value, i) => value === to[i]);
    if (inPortfolio(before) && inPortfolio(after) && sameCell) {
      // The usual repayment: the loan stays in its cell, only its outstanding moves (one statement).
      const change = after.outstanding.minus(before.outstanding);
      if (change.isZero()) return;
      await manager.query(
        `UPDATE portfolio_cell SET outstanding = outstanding + $6 WHERE ${CELL}`,
        [...to, change.toFixed()],
      );
      return;
    }
    if (inPortfolio(before)) {
      await manager.query(
        `UPDATE portfolio_cell SET loans = loans - 1, outstanding = outstanding - $6 WHERE ${CELL}`,
        [...from, before.outstanding.toFixed()],
      );
    }
    if (inPortfolio(after)) {
      await manager.query(
        `INSERT INTO portfolio_cell AS c (value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding)
         VALUES ($1, $2, $3, $4, $5, 1, $6)
         ON CONFLICT (value_chain, municipality, classification, dpd_band, reprogrammed)
         DO UPDATE SET loans = c.loans + 1, outstanding = c.outstanding + EXCLUDED.outstanding`,
        [...to, after.outstanding.toFixed()],
      );
    }
  }

  /** The cells that hold at least one loan. */
  async withLoans(manager: EntityManager = this.dataSource.manager): Promise<PortfolioCell[]> {
    const rows: PortfolioCellRow[] = await manager.query(
      `SELECT value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding
       FROM portfolio_cell WHERE loans > 0`,
    );
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
}
