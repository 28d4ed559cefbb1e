import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GuaranteePositionChangedPayload, LoanEnterpriseDto } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';

/** The portfolio as a whole (portfolio_state's one row). */
export interface PortfolioState {
  /** The last close of business; null before the first. */
  businessDate: string | null;
  /** Distinct enterprises ever paid out, and the women-led among them. */
  enterprises: number;
  womenLed: number;
  /** The guarantee fund's position as last announced; null before the first announcement. */
  availableCapital: Decimal | null;
  exposure: Decimal | null;
  leverageLimit: Decimal | null;
}

/** When concentration is worth an alert (portfolio_policy). */
export interface ConcentrationPolicy {
  valueChainShare: Decimal;
  municipalityShare: Decimal;
  loanShare: Decimal;
  limitUsed: Decimal;
}

const decimalOrNull = (value: string | null) => (value === null ? null : new Decimal(value));

/**
 * The one-row state of the portfolio — its business date, the enterprises financed and the guarantee
 * fund's position — with the enterprises it counts (portfolio_enterprise) and its concentration policy.
 */
@Injectable()
export class PortfolioStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An enterprise paid out: counted once (women-led as first paid out), whatever its loans. */
  async countEnterprise(
    manager: EntityManager,
    enterprise: Pick<LoanEnterpriseDto, 'id' | 'womenLed'>,
  ): Promise<void> {
    const [newEnterprise]: { women_led: boolean }[] = await manager.query(
      `INSERT INTO portfolio_enterprise (enterprise_id, women_led) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING women_led`,
      [enterprise.id, enterprise.womenLed],
    );
    if (newEnterprise) {
      await manager.query(
        `UPDATE portfolio_state SET enterprises = enterprises + 1, women_led = women_led + $1 WHERE id = 1`,
        [newEnterprise.women_led ? 1 : 0],
      );
    }
  }

  /** Announcements may arrive out of order: only a newer position replaces the one held. */
  async applyGuaranteePosition(
    manager: EntityManager,
    position: GuaranteePositionChangedPayload,
  ): Promise<void> {
    await manager.query(
      `UPDATE portfolio_state SET position_version = $1, available_capital = $2, exposure = $3, leverage_limit = $4
         WHERE id = 1 AND position_version < $1`,
      [
        position.positionVersion,
        position.availableCapital,
        position.exposure,
        position.leverageLimit,
      ],
    );
  }

  /** The business date, with the state locked until the transaction ends; null before the first close. */
  async lockBusinessDate(manager: EntityManager): Promise<string | null> {
    const [state]: { business_date: string | null }[] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date FROM portfolio_state WHERE id = 1 FOR UPDATE`,
    );
    return state.business_date;
  }

  async setBusinessDate(manager: EntityManager, businessDate: string): Promise<void> {
    await manager.query(`UPDATE portfolio_state SET business_date = $1 WHERE id = 1`, [
      businessDate,
    ]);
  }

  async read(manager: EntityManager = this.dataSource.manager): Promise<PortfolioState> {
    const [state]: {
      business_date: string | null;
      enterprises: number;
      women_led: number;
      available_capital: string | null;
      exposure: string | null;
      leverage_limit: string | null;
    }[] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date, enterprises, women_led, available_capital, exposure, leverage_limit
       FROM portfolio_state WHERE id = 1`,
    );
    return {
      businessDate: state.business_date,
      enterprises: state.enterprises,
      womenLed: state.women_led,
      availableCapital: decimalOrNull(state.available_capital),
      exposure: decimalOrNull(state.exposure),
      leverageLimit: decimalOrNull(state.leverage_limit),
    };
  }

  async concentrationPolicy(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConcentrationPolicy> {
    const [policy]: {
      value_chain_share: string;
      municipality_share: string;
      loan_share: string;
      limit_used: string;
    }[] = await manager.query(`SELECT * FROM portfolio_policy WHERE id = 1`);
    return {
      valueChainShare: new Decimal(policy.value_chain_share),
      municipalityShare: new Decimal(policy.municipality_share),
      loanShare: new Decimal(policy.loan_share),
      limitUsed: new Decimal(policy.limit_used),
    };
  }
}
