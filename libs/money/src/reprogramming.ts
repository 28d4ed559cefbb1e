import { Decimal, money } from './decimal';
import { addMonthsClamped, compareIsoDates, isIsoDate } from './dates';
import { buildFrenchSchedule, ScheduleLine } from './schedule';

// Reprogramming (SPEC.md, "Reprogramming"): the replaced installments' unpaid principal is
// re-amortised over u + e new installments with g months of grace, and the interest due and unpaid
// at the business date is deferred — spread over the non-grace installments, never capitalised.

export interface ReprogrammedLine extends ScheduleLine {
  /** The part of `interest` that is deferred interest (owed from before the reprogramming). */
  deferredInterest: Decimal;
}

export interface ReprogrammingInput {
  /** P: every céntimo of principal still unpaid at the business date. */
  principal: Decimal.Value;
  /** Interest due and unpaid at the business date (ordinary and moratory): deferred, not capitalised. */
  deferredInterest: Decimal.Value;
  /** The loan's effective annual rate. */
  tea: Decimal.Value;
  /** u: how many installments (not fully paid) the new schedule replaces; at least 1. */
  replaced: number;
  /** e: months the term is extended by. */
  extensionMonths: number;
  /** g: interest-only months at the start of the new schedule, 0 ≤ g ≤ e. */
  graceMonths: number;
  /** The loan's disbursement date: installments fall due on its day of the month (clamped). */
  disbursedOn: string;
  /** D: the business date of the reprogramming; the first new installment is the first due date after it. */
  businessDate: string;
  /** The highest installment number the loan has: the new ones are numbered on from it. */
  lastNumber: number;
}

/**
 * The first due date of the loan after `date`: its period k (k months after `disbursedOn`, the day
 * clamped to the month's last) and that date. Always counted from the disbursement, never chained.
 */
export function firstDueDateAfter(
  disbursedOn: string,
  date: string,
): { period: number; dueDate: string } {
  if (!isIsoDate(disbursedOn)) throw new RangeError(`disbursedOn is not a date: ${disbursedOn}`);
  if (!isIsoDate(date)) throw new RangeError(`date is not a date: ${date}`);
  const [y0, m0] = disbursedOn.split('-').map(Number);
  const [y1, m1] = date.split('-').map(Number);
  let period = Math.max(1, (y1 - y0) * 12 + (m1 - m0));
  while (compareIsoDates(addMonthsClamped(disbursedOn, period), date) <= 0) period++;
  while (period > 1 && compareIsoDates(addMonthsClamped(disbursedOn, period - 1), date) > 0) {
    period--;
  }
  return { period, dueDate: addMonthsClamped(disbursedOn, period) };
}

/**
 * Splits `amount` into `parts` parts: each is amount ÷ parts rounded down to the céntimo, and the
 * last takes the remainder, so the parts add up to `amount` exactly and none is negative.
 */
export function splitDeferred(amount: Decimal.Value, parts: number): Decimal[] {
  if (!Number.isInteger(parts) || parts < 1) {
    throw new RangeError(`parts must be a positive integer: ${parts}`);
  }
  const total = money(amount);
  if (total.isNegative() || total.decimalPlaces() > 2) {
    throw new RangeError(`amount must be a non-negative amount in céntimos: ${total.toString()}`);
  }
  const each = total.div(parts).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return Array.from({ length: parts }, (_, index) =>
    index < parts - 1 ? each : total.minus(each.mul(parts - 1)),
  );
}

/**
 * The new schedule of a reprogrammed loan: m = u + e monthly installments, numbered on from the
 * loan's highest number and due on the loan's day of the month from the first due date after the
 * business date. The first g are grace (interest only: P × i); the others are French on P over
 * m − g periods at the loan's TEA, with buildFrenchSchedule's rounding (interest = outstanding × i,
 * rounded; the last takes the principal's remainder). The deferred interest is split over the m − g
 * non-grace installments (splitDeferred) and added to their interest; no interest accrues on it.
 */
export function buildReprogrammedSchedule(input: ReprogrammingInput): ReprogrammedLine[] {
  const { replaced, extensionMonths, graceMonths, lastNumber } = input;
  if (!Number.isInteger(replaced) || replaced < 1) {
    throw new RangeError(`replaced must be a positive integer: ${replaced}`);
  }
  if (!Number.isInteger(extensionMonths) || extensionMonths < 0) {
    throw new RangeError(`extensionMonths must be a non-negative integer: ${extensionMonths}`);
  }
  if (!Number.isInteger(graceMonths) || graceMonths < 0 || graceMonths > extensionMonths) {
    throw new RangeError(`graceMonths must be an integer in [0, extensionMonths]: ${graceMonths}`);
  }
  if (!Number.isInteger(lastNumber) || lastNumber < 0) {
    throw new RangeError(`lastNumber must be a non-negative integer: ${lastNumber}`);
  }
  const installments = replaced + extensionMonths;
  const amortising = installments - graceMonths;
  const deferred = splitDeferred(input.deferredInterest, amortising);
  const { period } = firstDueDateAfter(input.disbursedOn, input.businessDate);
  // The French lines of P over m periods with g of grace: their amounts are the new schedule's.
  const french = buildFrenchSchedule({
    principal: input.principal,
    tea: input.tea,
    termMonths: installments,
    graceMonths,
    disbursedOn: input.disbursedOn,
  });
  return french.map((line, index) => {
    const deferredInterest = index < graceMonths ? new Decimal(0) : deferred[index - graceMonths];
    const interest = line.interest.plus(deferredInterest);
    return {
      number: lastNumber + 1 + index,
      dueDate: addMonthsClamped(input.disbursedOn, period + index),
      principal: line.principal,
      interest,
      installment: line.principal.plus(interest),
      deferredInterest,
    };
  });
}
