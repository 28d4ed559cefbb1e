import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { FundPolicy } from './fund-policy';

/** The fund manager's parameters: the one `fund_policy` row. */
@Injectable()
export class FundPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(manager: EntityManager = this.dataSource.manager): Promise<FundPolicy> {
    const [row] = await manager.query('SELECT * FROM fund_policy WHERE id = 1');
    return {
      leverageLimit: new Decimal(row.leverage_limit),
      coverage: new Decimal(row.coverage),
      coverageWithCollateral: new Decimal(row.coverage_with_collateral),
      collateralShareRequired: new Decimal(row.collateral_share_required),
      guaranteeFeeRate: new Decimal(row.guarantee_fee_rate),
      maxGrantPerEnterprise: new Decimal(row.max_grant_per_enterprise),
    };
  }

  async leverageLimit(manager: EntityManager = this.dataSource.manager): Promise<Decimal> {
    const [row] = await manager.query('SELECT leverage_limit FROM fund_policy WHERE id = 1');
    return new Decimal(row.leverage_limit);
  }
}
