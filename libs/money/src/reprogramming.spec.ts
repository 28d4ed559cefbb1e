import fc from 'fast-check';
import { Decimal, formatMoney } from './decimal';
import { addMonthsClamped } from './dates';
import { monthlyRate } from './rates';
import { buildReprogrammedSchedule, firstDueDateAfter, splitDeferred } from './reprogramming';

const sum = (values: Decimal[]) => values.reduce((total, v) => total.plus(v), new Decimal(0));

describe('firstDueDateAfter', () => {
  it.each([
    // disbursed, date, period, due date
    ['2026-01-15', '2026-03-07', 2, '2026-03-15'],
    ['2026-01-15', '2026-03-15', 3, '2026-04-15'], // a due date on D is not after D
    ['2026-01-15', '2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', '2026-02-28', 2, '2026-03-31'], // Feb 28 is period 1 (clamped), not after it
    ['2026-01-31', '2026-03-01', 2, '2026-03-31'],
    ['2025-11-30', '2026-02-27', 3, '2026-02-28'],
  ])('loan of %s, at %s: period %d, %s', (disbursedOn, date, period, dueDate) => {
    expect(firstDueDateAfter(disbursedOn, date)).toEqual({ period, dueDate });
  });
});

describe('splitDeferred', () => {
  it('rounds each part down to the céntimo; the last takes the remainder', () => {
    // 85.73 / 13 = 6.5946… → 6.59 × 12 = 79.08; the last 85.73 − 79.08 = 6.65
    const parts = splitDeferred('85.73', 13);
    expect(parts.map((p) => formatMoney(p))).toEqual([...Array(12).fill('6.59'), '6.65']);
    expect(formatMoney(splitDeferred('0.05', 3).at(-1)!)).toBe('0.03');
    expect(splitDeferred('0.00', 4).every((p) => p.isZero())).toBe(true);
  });

  it('refuses a negative amount, fractions of a céntimo and no parts', () => {
    expect(() => splitDeferred('-1.00', 2)).toThrow(RangeError);
    expect(() => splitDeferred('1.005', 2)).toThrow(RangeError);
    expect(() => splitDeferred('1.00', 0)).toThrow(RangeError);
  });
});

describe('buildReprogrammedSchedule', () => {
  it('PEN 6000.00 at 20 DPD, 12 installments replaced, 3 months more, 2 of grace', () => {
    // Disbursed 2026-01-15 at TEA 18 %; installment 1 (interest 83.33) unpaid and 2.40 of moratory
    // interest at D = 2026-03-07: deferred 85.73. m = 12 + 3 = 15 new installments (13 … 27), due on
    // the 15th from 2026-03-15; 13 and 14 interest only; 15 … 27 French on 6000.00 over 13 periods.
    const lines = buildReprogrammedSchedule({
      principal: '6000.00',
      deferredInterest: '85.73',
      tea: '0.18',
      replaced: 12,
      extensionMonths: 3,
      graceMonths: 2,
      disbursedOn: '2026-01-15',
      businessDate: '2026-03-07',
      lastNumber: 12,
    });
    expect(lines).toHaveLength(15);
    expect(lines.map((l) => l.number)).toEqual(Array.from({ length: 15 }, (_, k) => 13 + k));
    expect(lines[0].dueDate).toBe('2026-03-15');
    expect(lines[14].dueDate).toBe('2027-05-15');
    // Grace: 6000.00 × i = 83.3306… → 83.33, nothing deferred on them.
    for (const line of lines.slice(0, 2)) {
      expect(formatMoney(line.principal)).toBe('0.00');
      expect(formatMoney(line.interest)).toBe('83.33');
      expect(line.deferredInterest.isZero()).toBe(true);
    }
    // Then A = 6000·i / (1 − (1 + i)^−13) rounded; interest = outstanding × i rounded, plus 6.59
    // (6.65 on the last), the last installment taking the principal left.
    const i = monthlyRate('0.18');
    const annuity = new Decimal(6000)
      .mul(i)
      .div(new Decimal(1).minus(i.plus(1).pow(-13)))
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    let outstanding = new Decimal('6000.00');
    lines.slice(2).forEach((line, k) => {
      const ordinary = outstanding.mul(i).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const principal = k === 12 ? outstanding : annuity.minus(ordinary);
      const deferred = new Decimal(k === 12 ? '6.65' : '6.59');
      expect(formatMoney(line.principal)).toBe(formatMoney(principal));
      expect(formatMoney(line.deferredInterest)).toBe(formatMoney(deferred));
      expect(formatMoney(line.interest)).toBe(formatMoney(ordinary.plus(deferred)));
      expect(formatMoney(line.installment)).toBe(
        formatMoney(principal.plus(ordinary).plus(deferred)),
      );
      outstanding = outstanding.minus(principal);
    });
    expect(outstanding.isZero()).toBe(true);
    expect(formatMoney(annuity)).toBe('507.65');
  });

  it('no grace, nothing deferred: a French schedule from the next due date', () => {
    const lines = buildReprogrammedSchedule({
      principal: '1000.00',
      deferredInterest: '0.00',
      tea: '0.18',
      replaced: 2,
      extensionMonths: 1,
      graceMonths: 0,
      disbursedOn: '2026-01-31',
      businessDate: '2026-02-10',
      lastNumber: 3,
    });
    // The same amounts as a 3-month loan of 1000.00 (schedule.spec.ts): 342.63, 342.63, 342.64.
    expect(
      lines.map((l) => [l.number, l.dueDate, formatMoney(l.installment), formatMoney(l.interest)]),
    ).toEqual([
      [4, '2026-02-28', '342.63', '13.89'],
      [5, '2026-03-31', '342.63', '9.32'],
      [6, '2026-04-30', '342.64', '4.69'],
    ]);
  });

  it.each([
    [{ replaced: 0 }],
    [{ graceMonths: 4 }], // more than the extension
    [{ graceMonths: -1 }],
    [{ extensionMonths: 1.5 }],
    [{ principal: '0.00' }],
    [{ deferredInterest: '-0.01' }],
    [{ businessDate: '2026-02-30' }],
  ])('refuses %p', (override) => {
    const input = {
      principal: '1000.00',
      deferredInterest: '0.00',
      tea: '0.18',
      replaced: 2,
      extensionMonths: 3,
      graceMonths: 1,
      disbursedOn: '2026-01-15',
      businessDate: '2026-02-20',
      lastNumber: 2,
    };
    expect(() => buildReprogrammedSchedule({ ...input, ...override })).toThrow(RangeError);
  });

  describe('properties', () => {
    const lastDayOf = (year: number, month: number) =>
      new Date(Date.UTC(year, month, 0)).getUTCDate();
    const iso = (y: number, m: number, d: number) =>
      `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

    const arbitrary = fc
      .record({
        cents: fc.integer({ min: 1, max: 3_000_000 }), // 0.01 – 30000.00 outstanding
        deferredCents: fc.integer({ min: 0, max: 200_000 }),
        teaBasisPoints: fc.integer({ min: 0, max: 4_000 }),
        replaced: fc.integer({ min: 1, max: 36 }),
        extensionMonths: fc.integer({ min: 1, max: 6 }),
        grace: fc.integer({ min: 0, max: 6 }),
        year: fc.integer({ min: 2000, max: 2090 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        daysLater: fc.integer({ min: 0, max: 900 }),
        lastNumber: fc.integer({ min: 1, max: 60 }),
      })
      .map((r) => {
        const day = Math.min(r.day, lastDayOf(r.year, r.month));
        const disbursedOn = iso(r.year, r.month, day);
        const later = new Date(Date.UTC(r.year, r.month - 1, day + r.daysLater));
        return {
          ...r,
          day,
          disbursedOn,
          businessDate: later.toISOString().slice(0, 10),
          graceMonths: Math.min(r.grace, r.extensionMonths),
          principal: new Decimal(r.cents).div(100),
          deferred: new Decimal(r.deferredCents).div(100),
          tea: new Decimal(r.teaBasisPoints).div(10_000),
        };
      });

    it('hold for random loans', () => {
      fc.assert(
        fc.property(arbitrary, (r) => {
          const lines = buildReprogrammedSchedule({
            principal: r.principal,
            deferredInterest: r.deferred,
            tea: r.tea,
            replaced: r.replaced,
            extensionMonths: r.extensionMonths,
            graceMonths: r.graceMonths,
            disbursedOn: r.disbursedOn,
            businessDate: r.businessDate,
            lastNumber: r.lastNumber,
          });
          const i = new Decimal(1).plus(r.tea).pow(new Decimal(1).div(12)).minus(1);
          const m = r.replaced + r.extensionMonths;
          expect(lines).toHaveLength(m);
          // The principal adds up to the outstanding principal, exactly.
          expect(sum(lines.map((l) => l.principal)).eq(r.principal)).toBe(true);
          // The deferred parts add up to the deferred amount, on the non-grace installments only,
          // each the amount ÷ (m − g) rounded down but the last.
          expect(sum(lines.map((l) => l.deferredInterest)).eq(r.deferred)).toBe(true);
          const each = r.deferred.div(m - r.graceMonths).toDecimalPlaces(2, Decimal.ROUND_DOWN);
          let outstanding = r.principal;
          lines.forEach((line, k) => {
            // No part is negative; an installment is its principal and interest.
            expect(line.principal.isNegative()).toBe(false);
            expect(line.interest.isNegative()).toBe(false);
            expect(line.deferredInterest.isNegative()).toBe(false);
            expect(line.installment.eq(line.principal.plus(line.interest))).toBe(true);
            // Interest is outstanding × i, rounded, plus the deferred part: none on the deferred.
            const ordinary = outstanding.mul(i).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
            expect(line.interest.minus(line.deferredInterest).eq(ordinary)).toBe(true);
            if (k < r.graceMonths) {
              // Grace: interest only, and none of the deferred interest.
              expect(line.principal.isZero()).toBe(true);
              expect(line.deferredInterest.isZero()).toBe(true);
            } else if (k < m - 1) {
              expect(line.deferredInterest.eq(each)).toBe(true);
            }
            expect(line.number).toBe(r.lastNumber + 1 + k);
            outstanding = outstanding.minus(line.principal);
          });
          // Due dates: every one after D, on the loan's day of the month (clamped), a month apart,
          // the first being the loan's first due date after D.
          expect(lines[0].dueDate > r.businessDate).toBe(true);
          const { period } = firstDueDateAfter(r.disbursedOn, r.businessDate);
          expect(
            period === 1 || addMonthsClamped(r.disbursedOn, period - 1) <= r.businessDate,
          ).toBe(true);
          lines.forEach((line, k) => {
            const target = new Date(Date.UTC(r.year, r.month - 1 + period + k, 1));
            const [ty, tm] = [target.getUTCFullYear(), target.getUTCMonth() + 1];
            expect(line.dueDate).toBe(iso(ty, tm, Math.min(r.day, lastDayOf(ty, tm))));
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});
