import { Decimal } from '@qollqa/money';

/** The fund manager's parameters (SPEC.md "The funds"), stored as data in `fund_policy`. */
export interface FundPolicy {
  leverageLimit: Decimal;
  coverage: Decimal;
  coverageWithCollateral: Decimal;
  collateralShareRequired: Decimal;
  guaranteeFeeRate: Decimal;
  maxGrantPerEnterprise: Decimal;
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
