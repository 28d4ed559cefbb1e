import { Decimal, money, quoteTcea } from '@qollqa/money';
import { EntityManager } from 'typeorm';

/** The guarantee terms a score's cost quote assumes (`quote_policy`: the guarantee fund's defaults). */
export interface QuotePolicy {
  coverage: Decimal;
  coverageWithCollateral: Decimal;
  collateralShareRequired: Decimal;
  guaranteeFeeRate: Decimal;
}

export async function loadQuotePolicy(manager: EntityManager): Promise<QuotePolicy> {
  const [row] = await manager.query(`SELECT * FROM quote_policy WHERE id = 1`);
  return {
    coverage: money(row.coverage),
    coverageWithCollateral: money(row.coverage_with_collateral),
    collateralShareRequired: money(row.collateral_share_required),
    guaranteeFeeRate: money(row.guarantee_fee_rate),
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
