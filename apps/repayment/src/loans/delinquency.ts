import { Classification, InstallmentStatus } from '@qollqa/contracts';
import { daysBetween } from '@qollqa/money';
import { InstallmentBalance, isFullyPaid } from './installment-balance';

/** SBS Peru classes for micro and small enterprise credits: the lowest DPD of each class. */
export const CLASSIFICATION_BANDS: ReadonlyArray<{
  classification: Classification;
  minDpd: number;
}> = [
  { classification: 'normal', minDpd: 0 },
  { classification: 'cpp', minDpd: 9 },
  { classification: 'deficiente', minDpd: 31 },
  { classification: 'dudoso', minDpd: 61 },
  { classification: 'perdida', minDpd: 121 },
];

/**
 * The DPD at which a loan crosses a threshold that is published as loan.delinquency_changed:
 * DPD > 1, ≥ 9, ≥ 31, ≥ 61, > 90, ≥ 121 (as the lowest DPD that is over each).
 */
export const DELINQUENCY_THRESHOLDS: readonly number[] = [2, 9, 31, 61, 91, 121];

export function classify(daysPastDue: number): Classification {
  let result: Classification = 'normal';
  for (const band of CLASSIFICATION_BANDS)
    if (daysPastDue >= band.minDpd) result = band.classification;
  return result;
}

/** The lowest DPD of a class (0 for none): the DPD at which classify() gives it. */
function lowestDpdOf(classification: Classification | null): number {
  return CLASSIFICATION_BANDS.find((band) => band.classification === classification)?.minDpd ?? 0;
}

/**
 * The class of a loan at `daysPastDue` that keeps the class it had when it was reprogrammed
 * (SPEC.md, "Reprogramming"): the worse of that and the class its days past due give.
 */
export function classifyKeeping(daysPastDue: number, kept: Classification | null): Classification {
  return classify(Math.max(daysPastDue, lowestDpdOf(kept)));
}

/** How many thresholds the DPD is at or over: a change of band is a change to publish. */
export function delinquencyBand(daysPastDue: number): number {
  return DELINQUENCY_THRESHOLDS.filter((threshold) => daysPastDue >= threshold).length;
}

/** SQL form of classify() over an integer expression (the close runs it over every loan at once). */
export function classificationSql(dpd: string): string {
  const cases = [...CLASSIFICATION_BANDS]
    .reverse()
    .filter((band) => band.minDpd > 0)
    .map((band) => `WHEN ${dpd} >= ${band.minDpd} THEN '${band.classification}'`)
    .join(' ');
  return `(CASE ${cases} ELSE 'normal' END)`;
}

/** SQL form of classifyKeeping() over an integer expression and a class column (maybe null). */
export function classificationKeepingSql(dpd: string, kept: string): string {
  const lowest = CLASSIFICATION_BANDS.filter((band) => band.minDpd > 0)
    .map((band) => `WHEN '${band.classification}' THEN ${band.minDpd}`)
    .join(' ');
  return classificationSql(`greatest(${dpd}, (CASE ${kept} ${lowest} ELSE 0 END))`);
}

/** SQL form of delinquencyBand(). */
export function delinquencyBandSql(dpd: string): string {
  return `(${DELINQUENCY_THRESHOLDS.map((threshold) => `(${dpd} >= ${threshold})::int`).join(' + ')})`;
}

/**
 * Days past due at a business date: days since the due date of the oldest installment that is
 * not fully paid and fell due before that date; 0 when none did.
 */
export function daysPastDue(installments: InstallmentBalance[], businessDate: string): number {
  const oldest = installments
    .filter((line) => line.dueDate < businessDate && !isFullyPaid(line))
    .map((line) => line.dueDate)
    .sort()[0];
  return oldest === undefined ? 0 : daysBetween(oldest, businessDate);
}

/** An installment's status as the schedule shows it at a business date. */
export function installmentStatus(
  line: InstallmentBalance,
  businessDate: string,
): InstallmentStatus {
  if (line.rescheduledBy) return 'rescheduled';
  if (isFullyPaid(line)) return 'paid';
  if (line.dueDate < businessDate) return 'overdue';
  if (line.paidPrincipal.gt(0) || line.paidInterest.gt(0)) return 'partial';
  return 'pending';
}
