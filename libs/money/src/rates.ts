import { Decimal, money } from './decimal';

/** Converts an effective annual rate (TEA) to the equivalent effective rate over `periodsPerYear`. */
function periodicRate(tea: Decimal.Value, periodsPerYear: number): Decimal {
  const t = money(tea);
  if (t.lte(-1)) throw new RangeError(`TEA must be greater than -1: ${t.toString()}`);
  return t.plus(1).pow(new Decimal(1).div(periodsPerYear)).minus(1);
}

/** Monthly effective rate i = (1 + TEA)^(1/12) − 1, unrounded. */
export function monthlyRate(tea: Decimal.Value): Decimal {
  return periodicRate(tea, 12);
}

/** Daily effective rate (1 + TEA)^(1/360) − 1 (30/360 convention), unrounded. */
export function dailyRate(tea: Decimal.Value): Decimal {
  return periodicRate(tea, 360);
}
