import { dpdBand } from './dpd-band';

describe('dpdBand: the PAR thresholds (PAR1: DPD > 1, PAR30: > 30, PAR90: > 90)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [30, 1],
    [31, 2],
    [90, 2],
    [91, 3],
    [400, 3],
  ])('%i days past due → band %i', (days, band) => {
    expect(dpdBand(days)).toBe(band);
  });
});
