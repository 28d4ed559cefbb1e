import { Decimal } from '@qollqa/money';
import { EntityManager } from 'typeorm';

/** The fund manager's parameters (SPEC.md "The funds"), stored as data in `fund_policy`. */
export interface FundPolicy {
  leverageLimit: Decimal;
  coverage: Decimal;
  coverageWithCollateral: Decimal;
  collateralShareRequired: Decimal;
  guaranteeFeeRate: Decimal;
  maxGrantPerEnterprise: Decimal;
}

export async function loadFundPolicy(manager: EntityManager): Promise<FundPolicy> {
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

/** 70 % of the principal, or 50 % when the enterprise pledges collateral worth at least half of it. */
export function coverageFor(
  policy: FundPolicy,
  principal: Decimal,
  collateralValue: Decimal,
): Decimal {
  return collateralValue.gte(principal.mul(policy.collateralShareRequired))
    ? policy.coverageWithCollateral
    : policy.coverage;
}
