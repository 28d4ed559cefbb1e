import { Decimal } from './decimal';
import { dailyRate, monthlyRate } from './rates';

describe('rates', () => {
  it('monthly rate of TEA 18% is 1.18^(1/12) − 1, unrounded', () => {
    const i = monthlyRate('0.18');
    expect(i.toFixed(15)).toBe('0.013888430348410');
    expect(i.precision()).toBeGreaterThan(30); // not rounded to a few places
    // Compounding 12 months gives the TEA back.
    expect(i.plus(1).pow(12).minus('1.18').abs().lt('1e-35')).toBe(true);
  });

  it('daily rate compounds back to the TEA over 360 days', () => {
    const d = dailyRate(new Decimal('0.18'));
    expect(d.toFixed(12)).toBe('0.000459868036');
    expect(d.plus(1).pow(360).minus('1.18').abs().lt('1e-33')).toBe(true);
  });

  it('zero TEA gives zero rates', () => {
    expect(monthlyRate('0').isZero()).toBe(true);
    expect(dailyRate(0).isZero()).toBe(true);
  });

  it('gives one rate for one TEA however it is written, and the same after many others', () => {
    const direct = (tea: string, periods: number) =>
      new Decimal(tea).plus(1).pow(new Decimal(1).div(periods)).minus(1);
    expect(monthlyRate('0.180').eq(direct('0.18', 12))).toBe(true);
    expect(monthlyRate(new Decimal('1.8e-1')).toString()).toBe(monthlyRate('0.18').toString());
    // More TEAs than are kept: each still exactly its own rate.
    for (let bp = 500; bp < 1100; bp++) {
      const tea = new Decimal(bp).div(10_000).toString();
      expect(monthlyRate(tea).eq(direct(tea, 12))).toBe(true);
      expect(dailyRate(tea).eq(direct(tea, 360))).toBe(true);
    }
    expect(monthlyRate('0.18').toFixed(15)).toBe('0.013888430348410');
  });

  it('rejects TEA ≤ −100% and garbage', () => {
    expect(() => monthlyRate('-1')).toThrow(RangeError);
    expect(() => dailyRate('abc')).toThrow();
  });
});
