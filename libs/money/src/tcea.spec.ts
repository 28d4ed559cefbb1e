import fc from 'fast-check';
import { Decimal, formatMoney } from './decimal';
import { buildFrenchSchedule } from './schedule';
import { annualCostRate, monthlyInternalRate, quoteTcea, tcea } from './tcea';

/** Present value at monthly rate r of installment k at month k, less what was received. */
function npv(received: Decimal.Value, installments: Decimal[], r: Decimal.Value): Decimal {
  const factor = new Decimal(1).plus(r);
  return installments.reduce(
    (sum, a, index) => sum.plus(a.div(factor.pow(index + 1))),
    new Decimal(received).negated(),
  );
}

/** The monthly rate equivalent to an annual one: (1 + TCEA)^(1/12) − 1. */
const monthlyOf = (annual: string) =>
  new Decimal(annual).plus(1).pow(new Decimal(1).div(12)).minus(1);

describe('TCEA', () => {
  const schedule = (termMonths: number, graceMonths = 0) =>
    buildFrenchSchedule({
      principal: '6000.00',
      tea: '0.18',
      termMonths,
      graceMonths,
      disbursedOn: '2026-03-02',
    }).map((line) => line.installment);

  it("API.md's example: PEN 6000.00 over 18 months at TEA 18 %, guarantee fee 63.00 → 0.1965", () => {
    // Fee 1.5 % of 70 % of 6000.00 = 63.00: the family receives 5937.00 and pays 18 × 379.03.
    const installments = schedule(18);
    expect(installments.map((a) => formatMoney(a))).toEqual(Array(18).fill('379.03'));
    expect(tcea({ principal: '6000.00', guaranteeFee: '63.00', installments })).toBe('0.1965');
    // The rate found makes the installments worth exactly what was received…
    const r = monthlyInternalRate('5937.00', installments);
    expect(npv('5937.00', installments, r).abs().lt('1e-25')).toBe(true);
    // …and the 4-place figure is the right one: the cost changes sign across [0.19645, 0.19655].
    expect(npv('5937.00', installments, monthlyOf('0.19645')).gt(0)).toBe(true);
    expect(npv('5937.00', installments, monthlyOf('0.19655')).lt(0)).toBe(true);
  });

  it('the same quote for the requested amount: fee 1.5 % of 70 % of the amount', () => {
    expect(
      quoteTcea({
        amount: '6000.00',
        tea: '0.18',
        termMonths: 18,
        graceMonths: 0,
        coverage: '0.70',
        feeRate: '0.015',
      }),
    ).toEqual({ guaranteeFee: new Decimal('63.00'), tcea: '0.1965' });
    // With collateral the fund covers 50 %: fee 45.00, received 5955.00.
    const withCollateral = quoteTcea({
      amount: '6000.00',
      tea: '0.18',
      termMonths: 18,
      graceMonths: 0,
      coverage: '0.50',
      feeRate: '0.015',
    });
    expect(withCollateral).toEqual({ guaranteeFee: new Decimal('45.00'), tcea: '0.1917' });
    expect(npv('5955.00', schedule(18), monthlyOf('0.19165')).gt(0)).toBe(true);
    expect(npv('5955.00', schedule(18), monthlyOf('0.19175')).lt(0)).toBe(true);
  });

  it('charges the quote the fee the fund would: the guaranteed amount rounded first', () => {
    // 1002.38 × 0.70 = 701.666 → 701.67; × 0.015 = 10.52505 → 10.53 (the fund's fee). Rounding
    // only once (1002.38 × 0.70 × 0.015 = 10.52499) would give 10.52: a céntimo the family pays.
    const quote = quoteTcea({
      amount: '1002.38',
      tea: '0.18',
      termMonths: 12,
      graceMonths: 0,
      coverage: '0.70',
      feeRate: '0.015',
    });
    expect(quote.guaranteeFee).toEqual(new Decimal('10.53'));
  });

  it('a loan with grace: 2 interest-only months of 83.33, then 16 of 420.79', () => {
    const installments = schedule(18, 2);
    expect(installments.slice(0, 3).map((a) => formatMoney(a))).toEqual([
      '83.33',
      '83.33',
      '420.79',
    ]);
    const figure = tcea({ principal: '6000.00', guaranteeFee: '63.00', installments });
    expect(figure).toBe('0.1951');
    expect(npv('5937.00', installments, monthlyOf('0.19505')).gt(0)).toBe(true);
    expect(npv('5937.00', installments, monthlyOf('0.19515')).lt(0)).toBe(true);
  });

  it('is the TEA itself when nothing but the schedule is paid (no fee)', () => {
    // Rounded installments move the rate by far less than half a basis point.
    for (const term of [3, 12, 36]) {
      const installments = schedule(term);
      expect(tcea({ principal: '6000.00', guaranteeFee: '0.00', installments })).toBe('0.1800');
    }
  });

  it('zero: installments that add up to what was received cost nothing', () => {
    expect(annualCostRate('300.00', ['100.00', '100.00', '100.00']).abs().lt('1e-30')).toBe(true);
  });

  it('finds a negative rate when the family pays back less than it received', () => {
    const r = monthlyInternalRate('300.00', ['100.00', '100.00', '90.00']);
    expect(r.isNegative()).toBe(true);
    expect(
      npv(
        '300.00',
        ['100.00', '100.00', '90.00'].map((a) => new Decimal(a)),
        r,
      )
        .abs()
        .lt('1e-25'),
    ).toBe(true);
  });

  it('refuses what has no rate', () => {
    expect(() => monthlyInternalRate('0', ['100.00'])).toThrow(RangeError);
    expect(() => monthlyInternalRate('100.00', ['0.00', '0.00'])).toThrow(RangeError);
    expect(() => monthlyInternalRate('100.00', ['-1.00', '200.00'])).toThrow(RangeError);
  });

  it('for random loans: the installments at the rate found are worth what was received, and a fee costs more than the TEA', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50_000, max: 3_000_000 }),
        fc.integer({ min: 3, max: 36 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 500, max: 4_000 }),
        fc.integer({ min: 0, max: 300 }), // fee in basis points of the principal
        (cents, termMonths, grace, teaBasisPoints, feeBasisPoints) => {
          const graceMonths = Math.min(grace, termMonths - 1);
          const principal = new Decimal(cents).div(100);
          const tea = new Decimal(teaBasisPoints).div(10_000);
          const fee = principal.mul(feeBasisPoints).div(10_000).toDecimalPlaces(2);
          const installments = buildFrenchSchedule({
            principal,
            tea,
            termMonths,
            graceMonths,
            disbursedOn: '2026-05-31',
          }).map((line) => line.installment);
          const received = principal.minus(fee);
          const r = monthlyInternalRate(received, installments);
          expect(npv(received, installments, r).abs().lt('1e-20')).toBe(true);
          const figure = new Decimal(tcea({ principal, guaranteeFee: fee, installments }));
          if (fee.gt(0)) expect(figure.gte(tea.toDecimalPlaces(4))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
