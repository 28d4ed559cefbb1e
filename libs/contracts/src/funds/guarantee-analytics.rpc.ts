import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Classification } from '../loans/loan.enums';
import { Rule } from '../validation/money.validators';

export const GuaranteeAnalyticsRpc = {
  Analytics: 'disbursement.funds.guarantee-analytics',
  Stress: 'disbursement.funds.guarantee-stress',
} as const;

/**
 * A stress rate: a plain decimal from 0 to 1 with at most 6 places ("0", "0.05", "1.00"). Exponents,
 * signs, a bare "." and anything above 1 are refused.
 */
export const STRESS_RATE_PATTERN = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

/** The share of each class's guaranteed amount a stress test claims unless told otherwise. */
export const DEFAULT_STRESS_RATES: Readonly<Record<Classification, string>> = {
  normal: '0.01',
  cpp: '0.05',
  deficiente: '0.25',
  dudoso: '0.60',
  perdida: '1.00',
};

export function isStressRate(value: unknown): value is string {
  return typeof value === 'string' && STRESS_RATE_PATTERN.test(value);
}

function IsStressRate(classification: Classification) {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      pattern: STRESS_RATE_PATTERN.source,
      default: DEFAULT_STRESS_RATES[classification],
      description: `Share of the guaranteed amount of the loans classed ${classification} that would be claimed (0–1)`,
    }),
    IsOptional(),
    Rule('isStressRate', isStressRate),
  );
}

/** Query of GET /api/funds/guarantee/stress: one rate per SBS class, each 0–1. */
export class GuaranteeStressQuery implements Partial<Record<Classification, string>> {
  @IsStressRate('normal') normal?: string;
  @IsStressRate('cpp') cpp?: string;
  @IsStressRate('deficiente') deficiente?: string;
  @IsStressRate('dudoso') dudoso?: string;
  @IsStressRate('perdida') perdida?: string;
}

/** The loans disbursed in one calendar month and how they stand. */
export interface GuaranteeVintageView {
  /** "2026-08". */
  month: string;
  loans: number;
  /** Σ principal at disbursement. */
  principal: string;
  /** Σ outstanding principal of its loans still in the portfolio (active and claimed). */
  outstanding: string;
  /** Outstanding of its loans more than 30 days past due ÷ its outstanding, 4 places. */
  par30: string;
  /** Its loans claimed from the guarantee fund, and what the fund paid for them. */
  claimed: number;
  claimedAmount: string;
}

/** GET /api/funds/guarantee/analytics (API.md "Guarantee fund analytics"). */
export interface GuaranteeAnalyticsView {
  /** The business date the disbursement service knows; null before the first. */
  asOf: string | null;
  /** Every loan ever paid out: how many, and Σ coverage × principal at disbursement. */
  guaranteesIssued: { count: number; amount: string };
  claims: { count: number; amount: string };
  recoveries: string;
  claimsRatio: string;
  recoveryRate: string;
  netLoss: string;
  /** Oldest first. */
  vintages: GuaranteeVintageView[];
}

/** One SBS class in a stress test: the guaranteed amount of its active loans and its claims. */
export interface StressClassView {
  loans: number;
  guaranteed: string;
  rate: string;
  projectedClaims: string;
}

/** GET /api/funds/guarantee/stress (API.md), plus `byClassification`. */
export interface GuaranteeStressView {
  rates: Record<Classification, string>;
  projectedClaims: string;
  availableCapitalAfter: string;
  exposureAfter: string;
  leverageAfter: string;
  withinLimit: boolean;
  byClassification: Record<Classification, StressClassView>;
}
