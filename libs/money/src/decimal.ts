import DecimalJs from 'decimal.js';

/**
 * The one Decimal constructor used for money and rates: 40 significant digits (rates stay
 * unrounded at full precision) and half-up rounding (ties away from zero, so 2.345 → 2.35 and
 * −2.345 → −2.35). Always build values with this clone (or `money()`), never with the global
 * `decimal.js` export, so arithmetic uses this configuration.
 */
export const Decimal: typeof DecimalJs = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
});
/** Instance type, so `Decimal` works both as a value and as a type. */
export type Decimal = DecimalJs;
// Type-only namespace (emits nothing) so callers can write `Decimal.Value`.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace Decimal {
  type Value = DecimalJs.Value;
}

/** Parses a money/rate value exactly (no rounding). Throws on unparsable, NaN or infinite input. */
export function money(value: Decimal.Value): Decimal {
  const d = new Decimal(value); // throws "[DecimalError] Invalid argument" on garbage strings
  if (!d.isFinite()) throw new RangeError(`Not a finite amount: ${String(value)}`);
  return d;
}

/** Rounds to the céntimo, half-up. */
export function roundMoney(d: Decimal.Value): Decimal {
  return money(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Fixed-point string with exactly `places` decimals, half-up; never "-0.00". */
export function formatRatio(d: Decimal.Value, places: number): string {
  const rounded = money(d).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  // decimal.js keeps the sign of zero ("-0.00"); an amount that rounds to zero is just zero.
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(places);
}

/** Money as a string with exactly 2 decimals, e.g. "1500.00", "-3.50". */
export function formatMoney(d: Decimal.Value): string {
  return formatRatio(d, 2);
}

/**
 * True for plain decimal money strings with at most 2 decimals: "1500", "1500.5", "-3.50".
 * Rejects exponents ("1e3"), a leading "+", a bare "." or trailing ".", spaces and non-strings.
 */
export function isMoneyString(s: unknown): s is string {
  return typeof s === 'string' && /^-?\d+(\.\d{1,2})?$/.test(s);
}
