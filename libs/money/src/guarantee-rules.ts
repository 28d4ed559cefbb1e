import { Decimal, formatRatio, money, roundMoney } from './decimal';

// The guarantee fund's rules (SPEC.md "The funds"), each in one named function. Where SQL applies a
// rule to many rows at once (the close of business, the reservation's conditional UPDATE, the
// reconciliation, the analytics' summary), its SQL form is generated here from the same definition,
// as the delinquency classes' SQL is generated from their table: a rule is written once.
//
// The SQL forms take SQL expressions (column names, parameters) and return an expression; every
// operand must be `numeric` (never float). PostgreSQL's round(numeric, 2) rounds half away from
// zero, as roundMoney() does (half-up, ties away from zero).

/**
 * Coverage × amount, rounded half-up to the céntimo: the guarantee of a principal at disbursement,
 * the claim on an outstanding principal, the fund's share of a repayment made after its claim.
 */
export function coveredAmount(amount: Decimal.Value, coverage: Decimal.Value): Decimal {
  return roundMoney(money(amount).mul(coverage));
}

/** coveredAmount() in SQL. */
export function coveredAmountSql(amount: string, coverage: string): string {
  return `round(${amount} * ${coverage}, 2)`;
}

/**
 * The guarantee fee charged at disbursement: the fee rate of the guaranteed amount (itself rounded to
 * the céntimo, coveredAmount of the principal), rounded half-up to the céntimo.
 */
export function guaranteeFee(guaranteed: Decimal.Value, feeRate: Decimal.Value): Decimal {
  return roundMoney(money(guaranteed).mul(feeRate));
}

/**
 * A loan's exposure: the covered part of its outstanding principal while its guarantee is active
 * (not claimed, repaid or written off), nothing otherwise.
 */
export function exposure(
  guaranteeActive: boolean,
  outstanding: Decimal.Value,
  coverage: Decimal.Value,
): Decimal {
  return guaranteeActive ? coveredAmount(outstanding, coverage) : new Decimal(0);
}

/** exposure() in SQL: `guaranteeActive` is a boolean SQL expression. */
export function exposureSql(
  guaranteeActive: string,
  outstanding: string,
  coverage: string,
): string {
  return `(CASE WHEN ${guaranteeActive} THEN ${coveredAmountSql(outstanding, coverage)} ELSE 0 END)`;
}

/** The guarantee fund as the leverage rules see it. */
export interface FundPosition<T = Decimal.Value> {
  /** Σ the exposure of the loans it guarantees (and of the guarantees reserved for payouts). */
  exposure: T;
  /** Capital + fees + recoveries − claims paid. */
  availableCapital: T;
  /** L: the exposure may be at most L × available capital. */
  leverageLimit: T;
}

/**
 * The leverage check: the fund may take `more` exposure (a loan's guarantee) only if its exposure
 * after it is at most the leverage limit × its available capital. With `more` = 0: whether the fund
 * as it stands is within its limit.
 */
export function withinLeverageLimit(fund: FundPosition, more: Decimal.Value = 0): boolean {
  return money(fund.exposure).plus(more).lte(money(fund.leverageLimit).mul(fund.availableCapital));
}

/** withinLeverageLimit() in SQL: a boolean expression over the fund's columns and `more`. */
export function withinLeverageLimitSql(fund: FundPosition<string>, more = '0'): string {
  return `${fund.exposure} + ${more} <= ${fund.leverageLimit} * ${fund.availableCapital}`;
}

/**
 * What the fund could still take on within its limit: L × available capital − exposure, never less
 * than zero (not rounded: a caller shows it to the céntimo).
 */
export function headroom(fund: FundPosition): Decimal {
  return Decimal.max(money(fund.leverageLimit).mul(fund.availableCapital).minus(fund.exposure), 0);
}

/** headroom() in SQL. */
export function headroomSql(fund: FundPosition<string>): string {
  return `greatest(${fund.leverageLimit} * ${fund.availableCapital} - ${fund.exposure}, 0)`;
}

/**
 * Leverage: exposure as a multiple of available capital, 2 places half-up ("2.35" = 2.35 times);
 * "0.00" when the fund has no capital (zero or less).
 */
export function leverage(exposureAmount: Decimal.Value, availableCapital: Decimal.Value): string {
  const capital = money(availableCapital);
  return capital.gt(0) ? formatRatio(money(exposureAmount).div(capital), 2) : '0.00';
}

/** A stress scenario: the share of each SBS class's guaranteed amount that would be claimed. */
export interface StressOutcome<TClass extends string> {
  /** Per class: the guaranteed amount × its rate, rounded to the céntimo once per class. */
  projectedByClass: Record<TClass, Decimal>;
  projectedClaims: Decimal;
  availableCapitalAfter: Decimal;
  exposureAfter: Decimal;
  leverageAfter: string;
  withinLimit: boolean;
}

/**
 * The stress test (API.md "Guarantee fund analytics"): for each class, its guaranteed amount (Σ the
 * exposure of the active loans in it, each loan's rounded to the céntimo) × the class's rate, rounded
 * per class and summed into the projected claims; then the fund as it would stand after paying them —
 * capital and exposure both less the projected claims, the leverage of the two, and whether the fund
 * would still be within its limit.
 */
export function stressTest<TClass extends string>(
  fund: FundPosition,
  guaranteedByClass: Record<TClass, Decimal.Value>,
  rates: Record<TClass, Decimal.Value>,
): StressOutcome<TClass> {
  const classes = Object.keys(guaranteedByClass) as TClass[];
  const projectedByClass = Object.fromEntries(
    classes.map((c) => [c, roundMoney(money(guaranteedByClass[c]).mul(rates[c]))]),
  ) as Record<TClass, Decimal>;
  const projectedClaims = classes.reduce((sum, c) => sum.plus(projectedByClass[c]), new Decimal(0));
  const after: FundPosition<Decimal> = {
    availableCapital: money(fund.availableCapital).minus(projectedClaims),
    exposure: money(fund.exposure).minus(projectedClaims),
    leverageLimit: money(fund.leverageLimit),
  };
  return {
    projectedByClass,
    projectedClaims,
    availableCapitalAfter: after.availableCapital,
    exposureAfter: after.exposure,
    leverageAfter: leverage(after.exposure, after.availableCapital),
    withinLimit: withinLeverageLimit(after),
  };
}
