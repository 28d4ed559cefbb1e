import { daysBetween, Decimal, roundMoney } from '@qollqa/money';
import { daysPastDue } from '../loans/delinquency';
import {
  InstallmentBalance,
  isFullyPaid,
  unpaidInterest,
  unpaidPrincipal,
} from '../loans/installment-balance';

export interface OwedInput {
  /** The loan's installments (those fully paid may be left out). */
  installments: InstallmentBalance[];
  /** Moratory interest accrued by the closes up to the business date and not yet paid. */
  moratoryInterestDue: Decimal;
  /** (1 + moratory TEA)^(1/360) − 1, unrounded: what a close accrues per day on overdue principal. */
  moratoryDailyRate: Decimal;
  businessDate: string;
  /** The sheet's date: the business date or later. */
  date: string;
}

export interface Owed {
  /** The oldest unpaid due date. */
  dueDate: string;
  /** Principal and interest of the installments due by `date`, and the moratory interest then due. */
  amountDue: Decimal;
  daysPastDue: number;
}

/**
 * What a family must pay to be up to date on `date`: every installment due on or before it (its
 * unpaid interest and principal) and the moratory interest — what has accrued, plus, for a later
 * date, what the closes of business until then would add if nothing were paid. Null when nothing
 * is owed by then.
 */
export function owedOn(input: OwedInput): Owed | null {
  const unpaid = input.installments
    .filter((line) => !isFullyPaid(line))
    .sort((a, b) => a.number - b.number);
  const moratory = input.moratoryInterestDue.plus(
    projectedMoratoryInterest(unpaid, input.moratoryDailyRate, input.businessDate, input.date),
  );
  const amountDue = unpaid
    .filter((line) => line.dueDate <= input.date)
    .reduce((sum, line) => sum.plus(unpaidInterest(line)).plus(unpaidPrincipal(line)), moratory);
  if (amountDue.isZero()) return null;
  return {
    // With every installment paid only moratory interest can be left, and it is due now.
    dueDate: unpaid[0]?.dueDate ?? input.date,
    amountDue,
    daysPastDue: daysPastDue(unpaid, input.date),
  };
}

/**
 * Moratory interest the closes of the dates after `businessDate` up to `date` would accrue with no
 * repayment in between, exactly as CloseBusinessDay does it: on each date d, the unpaid principal
 * of the installments due before d times the daily rate, rounded to the céntimo. That principal
 * only changes the day after a due date, so the days are counted in runs between due dates.
 */
export function projectedMoratoryInterest(
  installments: InstallmentBalance[],
  dailyRate: Decimal,
  businessDate: string,
  date: string,
): Decimal {
  const runEnds = [
    ...new Set(
      installments
        .map((line) => line.dueDate)
        .filter((dueDate) => dueDate > businessDate && dueDate < date),
    ),
  ].sort();
  runEnds.push(date);
  let total = new Decimal(0);
  let from = businessDate;
  for (const to of runEnds) {
    // Dates d in (from, to]: no due date lies in (from, to), so "due before d" is "due by from".
    const overdue = installments
      .filter((line) => line.dueDate <= from)
      .reduce((sum, line) => sum.plus(unpaidPrincipal(line)), new Decimal(0));
    const days = daysBetween(from, to);
    if (days > 0) total = total.plus(roundMoney(overdue.mul(dailyRate)).mul(days));
    from = to;
  }
  return total;
}
