import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LoanDisbursedPayload } from '@qollqa/contracts';
import { Decimal, money } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';

export type ImpactDimension = 'value_chain' | 'municipality';

/** One value chain or municipality as the impact sums it. */
export interface ImpactSegment {
  dimension: ImpactDimension;
  segment: string;
  enterprises: number;
  womenLed: number;
  loans: number;
  disbursed: Decimal;
  /** How many of its loans came with a matching grant (their sum is `grantAmount`). */
  loansWithGrant: number;
  grantAmount: Decimal;
}

/** portfolio_impact_segment as segments() reads it. */
interface ImpactSegmentRow {
  dimension: ImpactDimension;
  segment: string;
  enterprises: number;
  women_led: number;
  loans: number;
  disbursed: string;
  grant_count: number;
  grant_amount: string;
}

/**
 * The programme's impact in the read model: each loan paid out counted once, in its value chain and
 * its municipality (an enterprise once in each, however many loans it has there), with its grant.
 * Pre-summed per segment, so the impact reads a few dozen rows whatever the number of loans.
 */
@Injectable()
export class ImpactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A loan paid out (loan.disbursed, in the projection's transaction, after the enterprise is known to
   * the read model): counted once whatever event id carries it again. The enterprise counts as
   * women-led in a segment as it does in the programme (portfolio_enterprise: as first paid out).
   */
  async countPayout(manager: EntityManager, loan: LoanDisbursedPayload): Promise<void> {
    const grant = money(loan.grant);
    const [fresh] = await manager.query(
      `INSERT INTO portfolio_impact_loan (loan_id, enterprise_id, grant_amount) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING loan_id`,
      [loan.loanId, loan.enterprise.id, loan.grant],
    );
    if (!fresh) return;
    const [enterprise] = await manager.query(
      `SELECT women_led FROM portfolio_enterprise WHERE enterprise_id = $1`,
      [loan.enterprise.id],
    );
    const segments: [ImpactDimension, string][] = [
      ['value_chain', loan.enterprise.valueChain],
      ['municipality', loan.enterprise.municipality],
    ];
    for (const [dimension, segment] of segments) {
      const [member] = await manager.query(
        `INSERT INTO portfolio_impact_member (dimension, segment, enterprise_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING enterprise_id`,
        [dimension, segment, loan.enterprise.id],
      );
      const newEnterprise = member ? 1 : 0;
      await manager.query(
        `INSERT INTO portfolio_impact_segment AS s
           (dimension, segment, enterprises, women_led, loans, disbursed, grant_count, grant_amount)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7)
         ON CONFLICT (dimension, segment) DO UPDATE SET
           enterprises = s.enterprises + EXCLUDED.enterprises, women_led = s.women_led + EXCLUDED.women_led,
           loans = s.loans + 1, disbursed = s.disbursed + EXCLUDED.disbursed,
           grant_count = s.grant_count + EXCLUDED.grant_count, grant_amount = s.grant_amount + EXCLUDED.grant_amount`,
        [
          dimension,
          segment,
          newEnterprise,
          newEnterprise && enterprise?.women_led ? 1 : 0,
          loan.principal,
          grant.gt(0) ? 1 : 0,
          loan.grant,
        ],
      );
    }
  }

  async segments(manager: EntityManager = this.dataSource.manager): Promise<ImpactSegment[]> {
    const rows: ImpactSegmentRow[] = await manager.query(
      `SELECT dimension, segment, enterprises, women_led, loans, disbursed::text AS disbursed, grant_count,
              grant_amount::text AS grant_amount
       FROM portfolio_impact_segment ORDER BY dimension, segment`,
    );
    return rows.map((row) => ({
      dimension: row.dimension,
      segment: row.segment,
      enterprises: row.enterprises,
      womenLed: row.women_led,
      loans: row.loans,
      disbursed: new Decimal(row.disbursed),
      loansWithGrant: row.grant_count,
      grantAmount: new Decimal(row.grant_amount),
    }));
  }

  /** Distinct enterprises ever paid out and the women-led among them (as the summary counts them). */
  async enterprises(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ enterprises: number; womenLed: number }> {
    const [state] = await manager.query(
      `SELECT enterprises, women_led FROM portfolio_state WHERE id = 1`,
    );
    return { enterprises: state.enterprises, womenLed: state.women_led };
  }

  /** The programme's target: how many enterprises it set out to finance. */
  async targetEnterprises(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [programme] = await manager.query(
      `SELECT target_enterprises FROM portfolio_programme WHERE id = 1`,
    );
    return programme.target_enterprises;
  }
}
