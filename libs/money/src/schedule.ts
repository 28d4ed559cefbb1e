import { Decimal, money, roundMoney } from './decimal';
import { addMonthsClamped, isIsoDate } from './dates';
import { monthlyRate } from './rates';

export interface ScheduleLine {
  /** 1-based installment number. */
  number: number;
  dueDate: string;
  principal: Decimal;
  interest: Decimal;
  installment: Decimal;
}

export interface FrenchScheduleInput {
  /** Disbursed amount, in céntimos precision (at most 2 decimals). */
  principal: Decimal.Value;
  /** Effective annual rate, e.g. "0.18". */
  tea: Decimal.Value;
  termMonths: number;
  /** Interest-only months at the start; 0 ≤ graceMonths < termMonths. Defaults to 0. */
  graceMonths?: number;
  /** 'YYYY-MM-DD'; installment k is due k months later (same day, clamped to month end). */
  disbursedOn: string;
}

function assertPeriods(periods: number): void {
  if (!Number.isInteger(periods) || periods < 1) {
    throw new RangeError(`periods must be a positive integer: ${periods}`);
  }
}

/** Present-value factor of an annuity: (1 − (1 + i)^−n) / i, or n when i = 0. */
function annuityFactor(rate: Decimal, periods: number): Decimal {
  if (rate.isZero()) return new Decimal(periods);
  return new Decimal(1).minus(rate.plus(1).pow(-periods)).div(rate);
}

/** French installment A = P·i / (1 − (1 + i)^−n), rounded half-up to the céntimo. */
export function annuityInstallment(
  principal: Decimal.Value,
  monthlyRate: Decimal.Value,
  periods: number,
): Decimal {
  assertPeriods(periods);
  return roundMoney(money(principal).div(annuityFactor(money(monthlyRate), periods)));
}

/**
 * Inverse of the annuity: the principal P = A·(1 − (1 + i)^−n) / i whose installment is
 * `installment`, rounded half-up to the céntimo. (Because both directions round, the annuity of
 * the result may differ from `installment` by a céntimo.)
 */
export function principalForInstallment(
  installment: Decimal.Value,
  monthlyRate: Decimal.Value,
  periods: number,
): Decimal {
  assertPeriods(periods);
  return roundMoney(money(installment).mul(annuityFactor(money(monthlyRate), periods)));
}

/**
 * French amortisation schedule: `graceMonths` interest-only lines, then a constant installment
 * over the remaining `termMonths − graceMonths` periods. Each line's interest is the outstanding
 * principal × monthly rate, rounded; the last line takes whatever principal is left, so the
 * principal parts add up to exactly `principal`.
 */
export function buildFrenchSchedule(input: FrenchScheduleInput): ScheduleLine[] {
  const { termMonths, graceMonths = 0, disbursedOn } = input;
  const principal = money(input.principal);
  if (principal.lte(0) || principal.decimalPlaces() > 2) {
    throw new RangeError(
      `principal must be a positive amount in céntimos: ${principal.toString()}`,
    );
  }
  assertPeriods(termMonths);
  if (!Number.isInteger(graceMonths) || graceMonths < 0 || graceMonths >= termMonths) {
    throw new RangeError(`graceMonths must be an integer in [0, termMonths): ${graceMonths}`);
  }
  if (!isIsoDate(disbursedOn)) throw new RangeError(`disbursedOn is not a date: ${disbursedOn}`);

  const rate = monthlyRate(input.tea);
  const installment = annuityInstallment(principal, rate, termMonths - graceMonths);
  const lines: ScheduleLine[] = [];
  let outstanding = principal;
  for (let k = 1; k <= termMonths; k++) {
    const interest = roundMoney(outstanding.mul(rate));
    let principalPart: Decimal;
    if (k <= graceMonths) principalPart = new Decimal(0);
    else if (k === termMonths)
      principalPart = outstanding; // absorbs the rounding remainder
    // A tiny principal over many periods may be used up before the last (the installment rounds up).
    else principalPart = Decimal.min(installment.minus(interest), outstanding);
    lines.push({
      number: k,
      dueDate: addMonthsClamped(disbursedOn, k),
      principal: principalPart,
      interest,
      installment: principalPart.plus(interest),
    });
    outstanding = outstanding.minus(principalPart);
  }
  return lines;
}
