import { Decimal, money, quoteTcea } from '@qollqa/money';

/** The guarantee terms a score's cost quote assumes (`quote_policy`: the guarantee fund's defaults). */
export interface QuotePolicy {
  coverage: Decimal;
  coverageWithCollateral: Decimal;
  collateralShareRequired: Decimal;
  guaranteeFeeRate: Decimal;
}

/** The policy from a row with `quote_policy`'s columns, its numerics as the text `pg` gives. */
export function quotePolicyOf(row: Record<string, unknown>): QuotePolicy {
  return {
    coverage: money(row.coverage as string),
    coverageWithCollateral: money(row.coverage_with_collateral as string),
    collateralShareRequired: money(row.collateral_share_required as string),
    guaranteeFeeRate: money(row.guarantee_fee_rate as string),
  };
}

/**
 * The TCEA of the requested loan (API.md, "Cost disclosure"): its French schedule at the product's
 * TEA against the amount less the guarantee fee the fund would charge — the fee rate of 70 % of the
 * amount, or of 50 % when the collateral is worth at least half of it. Pure.
 */
export function quoteFor(
  policy: QuotePolicy,
  request: {
    amount: string;
    tea: string;
    termMonths: number;
    graceMonths: number;
    collateralValue?: string;
  },
): string {
  const amount = money(request.amount);
  const collateral = money(request.collateralValue ?? '0');
  const coverage = collateral.gte(amount.mul(policy.collateralShareRequired))
    ? policy.coverageWithCollateral
    : policy.coverage;
  return quoteTcea({
    amount,
    tea: request.tea,
    termMonths: request.termMonths,
    graceMonths: request.graceMonths,
    coverage,
    feeRate: policy.guaranteeFeeRate,
  }).tcea;
}
