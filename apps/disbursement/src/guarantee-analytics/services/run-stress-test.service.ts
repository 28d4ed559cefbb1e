import { Injectable } from '@nestjs/common';
import {
  Classification,
  CLASSIFICATIONS,
  DEFAULT_STRESS_RATES,
  GuaranteeStressQuery,
  GuaranteeStressView,
  isStressRate,
} from '@qollqa/contracts';
import { Decimal, formatMoney, stressTest } from '@qollqa/money';
import {
  GuaranteeAnalyticsException,
  GuaranteeAnalyticsExceptionCode as Code,
} from '../guarantee-analytics.exception';
import { GuaranteeSummaryRepository } from '../guarantee-summary.repository';

/**
 * GET /api/funds/guarantee/stress: how the guarantee fund would stand if a share of each SBS class's
 * guaranteed amount were claimed (the rule is `stressTest` in libs/money). The guaranteed amount of a
 * class is Σ the exposure of its active loans — coverage × outstanding, each loan's rounded — read
 * from the guarantee summary; the fund's capital and exposure from its maintained position.
 */
@Injectable()
export class RunStressTestService {
  constructor(private readonly summary: GuaranteeSummaryRepository) {}

  async execute(query: GuaranteeStressQuery): Promise<GuaranteeStressView> {
    const rates = ratesOf(query);
    const [classes, fund] = await Promise.all([
      this.summary.byClassification(),
      this.summary.fund(),
    ]);
    const loans = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<
      Classification,
      number
    >;
    const guaranteed = Object.fromEntries(
      CLASSIFICATIONS.map((c) => [c, new Decimal(0)]),
    ) as Record<Classification, Decimal>;
    for (const row of classes) {
      loans[row.key] = row.active_loans;
      guaranteed[row.key] = new Decimal(row.exposure);
    }
    const outcome = stressTest(fund, guaranteed, rates);
    return {
      rates,
      projectedClaims: formatMoney(outcome.projectedClaims),
      availableCapitalAfter: formatMoney(outcome.availableCapitalAfter),
      exposureAfter: formatMoney(outcome.exposureAfter),
      leverageAfter: outcome.leverageAfter,
      withinLimit: outcome.withinLimit,
      byClassification: Object.fromEntries(
        CLASSIFICATIONS.map((c) => [
          c,
          {
            loans: loans[c],
            guaranteed: formatMoney(guaranteed[c]),
            rate: rates[c],
            projectedClaims: formatMoney(outcome.projectedByClass[c]),
          },
        ]),
      ) as GuaranteeStressView['byClassification'],
    };
  }
}

/** The rate of each class: the one asked for, or the default; each a decimal from 0 to 1. */
function ratesOf(query: GuaranteeStressQuery): Record<Classification, string> {
  return Object.fromEntries(
    CLASSIFICATIONS.map((classification) => {
      const rate = query[classification] ?? DEFAULT_STRESS_RATES[classification];
      if (!isStressRate(rate)) {
        throw new GuaranteeAnalyticsException(
          Code.StressRateOutOfRange,
          `The stress rate of ${classification} must be a decimal from 0 to 1`,
          { classification, rate: String(rate) },
        );
      }
      return [classification, rate];
    }),
  ) as Record<Classification, string>;
}
