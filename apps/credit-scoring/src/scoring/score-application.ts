import {
  Decimal,
  annuityInstallment,
  formatMoney,
  isMoneyString,
  money,
  monthlyRate,
  principalForInstallment,
} from '@qollqa/money';
import type {
  BandedFactor,
  Grade,
  Scorecard,
  ScoreFactor,
  ScoreInput,
  ScoreResult,
} from './scorecard';

interface Scored extends ScoreFactor {
  /** Reason code when below the maximum. */
  reason?: string;
}

function scored(code: string, points: number, allPoints: number[], reason?: string): Scored {
  const maxPoints = Math.max(...allPoints);
  return { code, points, maxPoints, reason: points < maxPoints ? reason : undefined };
}

/** Points of the first band the metric passes; `null` metric (undefined ratio) → otherwise. */
function scoreBands(factor: BandedFactor, metric: Decimal | null): Scored {
  const band =
    metric === null ? undefined : factor.bands.find((b) => metric[b.comparison](b.bound)); // Decimal#lt / #lte / #gte
  const all = [...factor.bands.map((b) => b.points), factor.otherwisePoints];
  return scored(factor.code, band?.points ?? factor.otherwisePoints, all, factor.reason);
}

function parseAmount(field: keyof ScoreInput, value: unknown): Decimal {
  if (!isMoneyString(value) || value.startsWith('-')) {
    throw new RangeError(`${field} must be a non-negative money string: ${String(value)}`);
  }
  return money(value);
}

/** Table lookup that rejects unknown keys (including inherited ones such as "toString"). */
function lookup<K extends string, V>(table: Readonly<Record<K, V>>, key: K, field: string): V {
  if (!Object.hasOwn(table, key)) throw new RangeError(`Unknown ${field}: ${String(key)}`);
  return table[key];
}

function gradeFor(scorecard: Scorecard, value: number): Grade {
  const found = scorecard.grades.find((g) => value >= g.minScore);
  if (!found) throw new Error(`Scorecard ${scorecard.version} has no grade for score ${value}`);
  return found.grade;
}

/** Scores an application with the given scorecard. Pure: no I/O, no clock. */
export function scoreApplication(scorecard: Scorecard, input: ScoreInput): ScoreResult {
  const revenue = parseAmount('monthlyRevenue', input.monthlyRevenue);
  const otherDebt = parseAmount('otherDebtPayments', input.otherDebtPayments);
  const requested = parseAmount('requestedAmount', input.requestedAmount);
  const surplus = revenue
    .minus(parseAmount('productionCosts', input.productionCosts))
    .minus(parseAmount('householdExpenses', input.householdExpenses))
    .minus(otherDebt);
  if (!Number.isInteger(input.yearsInActivity) || input.yearsInActivity < 0) {
    throw new RangeError(
      `yearsInActivity must be a non-negative integer: ${input.yearsInActivity}`,
    );
  }
  if (!Number.isInteger(input.graceMonths) || input.graceMonths < 0) {
    throw new RangeError(`graceMonths must be a non-negative integer: ${input.graceMonths}`);
  }

  // The amortising installment (after any grace), as buildFrenchSchedule computes it.
  const rate = monthlyRate(input.tea);
  const periods = input.termMonths - input.graceMonths; // annuityInstallment rejects < 1
  const installment = annuityInstallment(requested, rate, periods);
  const surplusPositive = surplus.gt(0);

  const { repaymentHistory: history, association, valueChain } = scorecard;
  const historyPoints = lookup(history.points, input.repaymentHistory, 'repaymentHistory');
  const chainRisk = lookup(valueChain.risk, input.valueChain, 'valueChain');
  const factors: Scored[] = [
    // Ratios are exact (unrounded) so a boundary like r = 0.25 compares exactly.
    scoreBands(scorecard.capacity, surplusPositive ? installment.div(surplus) : null),
    scored(
      history.code,
      historyPoints,
      Object.values(history.points),
      history.reasons[input.repaymentHistory],
    ),
    scoreBands(scorecard.yearsInActivity, new Decimal(input.yearsInActivity)),
    scored(
      association.code,
      input.associationMember ? association.memberPoints : association.nonMemberPoints,
      [association.memberPoints, association.nonMemberPoints],
      association.reason,
    ),
    scored(
      valueChain.code,
      valueChain.points[chainRisk],
      Object.values(valueChain.points),
      valueChain.reason,
    ),
    scoreBands(scorecard.otherDebt, revenue.gt(0) ? otherDebt.div(revenue) : null),
  ];

  const value = factors.reduce((sum, f) => sum + f.points, 0);
  const grade = gradeFor(scorecard, value);
  const reasons = factors.flatMap((f) => (f.reason ? [f.reason] : []));
  if (!surplusPositive) reasons.unshift(scorecard.negativeSurplusReason);

  // Largest principal whose installment (same rate and amortising periods) is the allowed share
  // of the surplus; the share is not rounded first, so the principal is rounded only once.
  const maxAffordable = surplusPositive
    ? principalForInstallment(surplus.mul(scorecard.maxInstallmentShareOfSurplus), rate, periods)
    : new Decimal(0);

  return {
    value,
    grade,
    recommendation: surplusPositive ? scorecard.recommendations[grade] : 'decline',
    reasons,
    installment: formatMoney(installment),
    netSurplus: formatMoney(surplus),
    maxAffordableAmount: formatMoney(maxAffordable),
    scorecardVersion: scorecard.version,
    factors: factors.map(({ code, points, maxPoints }) => ({ code, points, maxPoints })),
  };
}
