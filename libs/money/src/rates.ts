import { Decimal, money } from './decimal';

/**
 * Periodic rates already computed, by periods per year and TEA: a product has few TEAs, and each
 * 40-digit fractional power costs about 0.2 ms (every schedule, score and quote needs one). Decimal
 * values are immutable, so one instance can be handed to every caller. Bounded: emptied when full.
 */
const computedRates = new Map<string, Decimal>();
const MAX_COMPUTED_RATES = 256;

/** Converts an effective annual rate (TEA) to the equivalent effective rate over `periodsPerYear`. */
function periodicRate(tea: Decimal.Value, periodsPerYear: number): Decimal {
  const t = money(tea);
  if (t.lte(-1)) throw new RangeError(`TEA must be greater than -1: ${t.toString()}`);
  // Keyed by the value (decimal.js keeps no trailing zeros): "0.18" and "0.180" are one rate.
  const key = `${periodsPerYear}:${t.toString()}`;
  let rate = computedRates.get(key);
  if (rate === undefined) {
    rate = t.plus(1).pow(new Decimal(1).div(periodsPerYear)).minus(1);
    if (computedRates.size >= MAX_COMPUTED_RATES) computedRates.clear();
    computedRates.set(key, rate);
  }
  return rate;
}

/** Monthly effective rate i = (1 + TEA)^(1/12) − 1, unrounded. */
export function monthlyRate(tea: Decimal.Value): Decimal {
  return periodicRate(tea, 12);
}

/** Daily effective rate (1 + TEA)^(1/360) − 1 (30/360 convention), unrounded. */
export function dailyRate(tea: Decimal.Value): Decimal {
  return periodicRate(tea, 360);
}
