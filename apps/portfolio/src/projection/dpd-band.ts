/** PAR1, PAR30 and PAR90: a loan counts in PARn when its days past due are more than n. */
export const PAR_THRESHOLDS = [1, 30, 90] as const;

/** The PAR thresholds as bands: PAR1 counts bands ≥ 1, PAR30 bands ≥ 2, PAR90 band 3. */
export function dpdBand(daysPastDue: number): 0 | 1 | 2 | 3 {
  return PAR_THRESHOLDS.filter((threshold) => daysPastDue > threshold).length as 0 | 1 | 2 | 3;
}

/** dpdBand() in SQL, over a column or expression of days past due. */
export function dpdBandSql(daysPastDue: string): string {
  return `(${PAR_THRESHOLDS.map((threshold) => `(${daysPastDue} > ${threshold})::int`).join(' + ')})`;
}
