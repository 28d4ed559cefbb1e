import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Classification, LoanStatus } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { PortfolioLoan } from './portfolio-loan';

/** portfolio_loan as PostgreSQL returns it. */
interface PortfolioLoanRow {
  loan_id: string;
  version: number;
  disbursed_seen: boolean;
  enterprise_id: string | null;
  value_chain: string | null;
  municipality: string | null;
  women_led: boolean | null;
  principal: string | null;
  status: LoanStatus;
  outstanding: string;
  days_past_due: number;
  classification: Classification;
  reprogrammed: boolean;
}

/** The loan of the gross portfolio with the most outstanding principal. */
export interface LargestLoan {
  loanId: string;
  outstanding: Decimal;
}

/** The loans the portfolio follows, one row each (portfolio_loan). */
@Injectable()
export class PortfolioLoanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The loan, locked until the transaction ends. A later event may come first: the row is created
   * then (version 0, outside the cells until placed) and kept from then on.
   */
  async lock(manager: EntityManager, loanId: string): Promise<PortfolioLoan> {
    await manager.query(
      `INSERT INTO portfolio_loan (loan_id, disbursed_seen, status, outstanding, days_past_due, classification, version)
       VALUES ($1, false, 'active', 0, 0, 'normal', 0) ON CONFLICT DO NOTHING`,
      [loanId],
    );
    const [row]: PortfolioLoanRow[] = await manager.query(
      `SELECT loan_id, version, disbursed_seen, enterprise_id, value_chain, municipality, women_led, principal,
         status, outstanding, days_past_due, classification, reprogrammed
       FROM portfolio_loan WHERE loan_id = $1 FOR UPDATE`,
      [loanId],
    );
    return {
      loanId: row.loan_id,
      version: row.version,
      disbursedSeen: row.disbursed_seen,
      enterpriseId: row.enterprise_id,
      valueChain: row.value_chain,
      municipality: row.municipality,
      womenLed: row.women_led,
      principal: row.principal === null ? null : new Decimal(row.principal),
      status: row.status,
      outstanding: new Decimal(row.outstanding),
      daysPastDue: row.days_past_due,
      classification: row.classification,
      reprogrammed: row.reprogrammed,
    };
  }

  /** Writes a loan locked by lock() back. */
  async save(manager: EntityManager, loan: PortfolioLoan): Promise<void> {
    await manager.query(
      `UPDATE portfolio_loan SET version = $2, disbursed_seen = $3, enterprise_id = $4, value_chain = $5,
         municipality = $6, women_led = $7, principal = $8, status = $9, outstanding = $10,
         days_past_due = $11, classification = $12, reprogrammed = $13
       WHERE loan_id = $1`,
      [
        loan.loanId,
        loan.version,
        loan.disbursedSeen,
        loan.enterpriseId,
        loan.valueChain,
        loan.municipality,
        loan.womenLed,
        loan.principal?.toFixed() ?? null,
        loan.status,
        loan.outstanding.toFixed(),
        loan.daysPastDue,
        loan.classification,
        loan.reprogrammed,
      ],
    );
  }

  /** The largest loan of the gross portfolio (active or claimed, placed); null when it is empty. */
  async largestInPortfolio(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LargestLoan | null> {
    const [largest]: { loan_id: string; outstanding: string }[] = await manager.query(
      `SELECT loan_id, outstanding FROM portfolio_loan WHERE status IN ('active', 'claimed') AND disbursed_seen
       ORDER BY outstanding DESC LIMIT 1`,
    );
    return largest
      ? { loanId: largest.loan_id, outstanding: new Decimal(largest.outstanding) }
      : null;
  }
}
