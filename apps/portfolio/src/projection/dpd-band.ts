/** The PAR thresholds as bands: PAR1 counts bands ≥ 1, PAR30 bands ≥ 2, PAR90 band 3. */
export function dpdBand(daysPastDue: number): 0 | 1 | 2 | 3 {
  if (daysPastDue > 90) return 3;
  if (daysPastDue > 30) return 2;
  if (daysPastDue > 1) return 1;
  return 0;
}
