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

/** The cell a loan counts in, and what it adds to it: the parameters of both statements below. */
const contribution = (loan: PortfolioLoan) => [
  loan.valueChain,
  loan.municipality,
  loan.classification,
  dpdBand(loan.daysPastDue),
  loan.outstanding.toFixed(),
  loan.reprogrammed,
];

/** Whether two contributions are to the same cell (every dimension but the amount equal). */
const sameCell = (a: unknown[], b: unknown[]) => [0, 1, 2, 3, 5].every((i) => a[i] === b[i]);

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
    const [from, to] = [contribution(before), contribution(after)];
    if (inPortfolio(before) && inPortfolio(after) && sameCell(from, to)) {
      // The usual repayment: the loan stays in its cell, only its outstanding moves (one statement).
      const change = after.outstanding.minus(before.outstanding);
      if (change.isZero()) return;
      await manager.query(
        `UPDATE portfolio_cell SET outstanding = outstanding + $5
         WHERE value_chain = $1 AND municipality = $2 AND classification = $3 AND dpd_band = $4
           AND reprogrammed = $6`,
        [...to.slice(0, 4), change.toFixed(), to[5]],
      );
      return;
    }
    if (inPortfolio(before)) {
      await manager.query(
        `UPDATE portfolio_cell SET loans = loans - 1, outstanding = outstanding - $5
         WHERE value_chain = $1 AND municipality = $2 AND classification = $3 AND dpd_band = $4
           AND reprogrammed = $6`,
        contribution(before),
      );
    }
    if (inPortfolio(after)) {
      await manager.query(
        `INSERT INTO portfolio_cell AS c (value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding)
         VALUES ($1, $2, $3, $4, $6, 1, $5)
         ON CONFLICT (value_chain, municipality, classification, dpd_band, reprogrammed)
         DO UPDATE SET loans = c.loans + 1, outstanding = c.outstanding + EXCLUDED.outstanding`,
        contribution(after),
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
