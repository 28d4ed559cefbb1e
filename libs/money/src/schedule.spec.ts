import fc from 'fast-check';
import { Decimal, formatMoney } from './decimal';
import { monthlyRate } from './rates';
import {
  annuityInstallment,
  buildFrenchSchedule,
  principalForInstallment,
  type ScheduleLine,
} from './schedule';

/** Lines as plain strings, for readable toEqual comparisons. */
function asStrings(lines: ScheduleLine[]) {
  return lines.map((l) => ({
    number: l.number,
    dueDate: l.dueDate,
    principal: formatMoney(l.principal),
    interest: formatMoney(l.interest),
    installment: formatMoney(l.installment),
  }));
}

describe('annuityInstallment', () => {
  it('P=6000.00, TEA 18%, 18 months → 379.03', () => {
    // i = 1.18^(1/12) − 1 = 0.0138884303…; A = 6000·i / (1 − (1+i)^−18) = 379.0303… → 379.03
    expect(formatMoney(annuityInstallment('6000.00', monthlyRate('0.18'), 18))).toBe('379.03');
  });

  it('zero rate splits the principal evenly', () => {
    expect(formatMoney(annuityInstallment('1200.00', 0, 12))).toBe('100.00');
  });

  it.each([0, -1, 1.5])('rejects %p periods', (periods) => {
    expect(() => annuityInstallment('1000', '0.01', periods)).toThrow(RangeError);
  });
});

describe('principalForInstallment', () => {
  it('440.00 at TEA 18% over 18 months → 6965.14', () => {
    // P = 440 · (1 − (1+i)^−18) / i = 6965.1419… → 6965.14
    expect(formatMoney(principalForInstallment('440.00', monthlyRate('0.18'), 18))).toBe('6965.14');
  });

  it('inverts annuityInstallment to within a céntimo', () => {
    const i = monthlyRate('0.18');
    expect(formatMoney(principalForInstallment('379.03', i, 18))).toBe('5999.99');
    // 379.03 · (1 − (1+i)^−18) / i = 5999.9948… → 5999.99, whose annuity 379.0297… → 379.03 again
    expect(formatMoney(annuityInstallment('5999.99', i, 18))).toBe('379.03');
  });

  it('zero rate multiplies by the number of periods', () => {
    expect(formatMoney(principalForInstallment('100.00', 0, 12))).toBe('1200.00');
  });
});

describe('buildFrenchSchedule', () => {
  it('small case: P=1000.00, TEA 18%, 3 months, disbursed on Jan 31', () => {
    // i = 0.0138884303…; A = 1000·i / (1 − (1+i)^−3) = 342.6349 → 342.63
    // 1: interest 1000.00·i = 13.8884 → 13.89; principal 342.63 − 13.89 = 328.74; left 671.26
    // 2: interest  671.26·i =  9.3227 →  9.32; principal 342.63 −  9.32 = 333.31; left 337.95
    // 3: interest  337.95·i =  4.6936 →  4.69; principal = all that is left 337.95;
    //    installment 337.95 + 4.69 = 342.64 (takes the rounding remainder)
    // Σ principal = 328.74 + 333.31 + 337.95 = 1000.00
    const lines = buildFrenchSchedule({
      principal: '1000.00',
      tea: '0.18',
      termMonths: 3,
      graceMonths: 0,
      disbursedOn: '2026-01-31',
    });
    expect(asStrings(lines)).toEqual([
      {
        number: 1,
        dueDate: '2026-02-28',
        principal: '328.74',
        interest: '13.89',
        installment: '342.63',
      },
      {
        number: 2,
        dueDate: '2026-03-31',
        principal: '333.31',
        interest: '9.32',
        installment: '342.63',
      },
      {
        number: 3,
        dueDate: '2026-04-30',
        principal: '337.95',
        interest: '4.69',
        installment: '342.64',
      },
    ]);
  });

  it('grace: P=6000.00, 18 months, 2 interest-only months, then A over 16 periods', () => {
    // Grace interest 6000·i = 83.3306 → 83.33; then A = 6000·i / (1 − (1+i)^−16) = 420.7946 → 420.79
    const lines = buildFrenchSchedule({
      principal: '6000.00',
      tea: '0.18',
      termMonths: 18,
      graceMonths: 2,
      disbursedOn: '2026-03-15',
    });
    expect(lines).toHaveLength(18);
    expect(asStrings(lines.slice(0, 3))).toEqual([
      {
        number: 1,
        dueDate: '2026-04-15',
        principal: '0.00',
        interest: '83.33',
        installment: '83.33',
      },
      {
        number: 2,
        dueDate: '2026-05-15',
        principal: '0.00',
        interest: '83.33',
        installment: '83.33',
      },
      // 3: interest 83.33 again (nothing repaid yet); principal 420.79 − 83.33 = 337.46
      {
        number: 3,
        dueDate: '2026-06-15',
        principal: '337.46',
        interest: '83.33',
        installment: '420.79',
      },
    ]);
    for (const line of lines.slice(2, 17)) expect(formatMoney(line.installment)).toBe('420.79');
    expect(lines[17].dueDate).toBe('2027-09-15');
    const total = lines.reduce((sum, l) => sum.plus(l.principal), new Decimal(0));
    expect(formatMoney(total)).toBe('6000.00');
  });

  it('defaults graceMonths to 0', () => {
    const lines = buildFrenchSchedule({
      principal: '6000.00',
      tea: '0.18',
      termMonths: 18,
      disbursedOn: '2026-01-10',
    });
    expect(formatMoney(lines[0].installment)).toBe('379.03');
  });

  it.each([
    [{ principal: '0' }],
    [{ principal: '-100' }],
    [{ principal: '1000.005' }],
    [{ termMonths: 0 }],
    [{ graceMonths: 12 }],
    [{ graceMonths: -1 }],
    [{ disbursedOn: '2026-02-30' }],
  ])('rejects %p', (override) => {
    const input = { principal: '1000', tea: '0.18', termMonths: 12, disbursedOn: '2026-01-01' };
    expect(() => buildFrenchSchedule({ ...input, ...override })).toThrow(RangeError);
  });

  describe('properties', () => {
    // Independent date oracle built on JS Date (UTC), years 1999–2099 only.
    const lastDayOf = (year: number, month: number) =>
      new Date(Date.UTC(year, month, 0)).getUTCDate();
    const iso = (y: number, m: number, d: number) =>
      `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

    const arbitraryLoan = fc
      .record({
        cents: fc.integer({ min: 50_000, max: 3_000_000 }), // 500.00 – 30000.00
        termMonths: fc.integer({ min: 3, max: 36 }),
        graceMonths: fc.integer({ min: 0, max: 6 }),
        teaBasisPoints: fc.integer({ min: 500, max: 4_000 }), // 0.05 – 0.40
        year: fc.integer({ min: 1999, max: 2096 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }), // clamped below: month ends are over-represented
      })
      .filter((l) => l.graceMonths < l.termMonths)
      .map((l) => ({
        ...l,
        principal: new Decimal(l.cents).div(100),
        tea: new Decimal(l.teaBasisPoints).div(10_000),
        day: Math.min(l.day, lastDayOf(l.year, l.month)),
      }));

    it('hold for random loans', () => {
      fc.assert(
        fc.property(arbitraryLoan, (loan) => {
          const { principal, tea, termMonths, graceMonths, year, month, day } = loan;
          const lines = buildFrenchSchedule({
            principal,
            tea,
            termMonths,
            graceMonths,
            disbursedOn: iso(year, month, day),
          });
          const i = new Decimal(1).plus(tea).pow(new Decimal(1).div(12)).minus(1);
          const n = termMonths - graceMonths;
          const annuity = principal
            .mul(i)
            .div(new Decimal(1).minus(i.plus(1).pow(-n)))
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

          expect(lines).toHaveLength(termMonths);
          let outstanding = principal;
          lines.forEach((line, idx) => {
            const k = idx + 1;
            expect(line.number).toBe(k);
            // Interest = outstanding × i, rounded half-up to the céntimo.
            expect(
              line.interest.eq(outstanding.mul(i).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
            ).toBe(true);
            expect(line.installment.eq(line.principal.plus(line.interest))).toBe(true);
            expect(line.principal.isNegative()).toBe(false);
            if (k <= graceMonths) expect(line.principal.isZero()).toBe(true);
            else if (k < termMonths) expect(line.installment.eq(annuity)).toBe(true);
            // Due date: k months after disbursement, day clamped to the month's last day.
            const target = new Date(Date.UTC(year, month - 1 + k, 1));
            const [ty, tm] = [target.getUTCFullYear(), target.getUTCMonth() + 1];
            expect(line.dueDate).toBe(iso(ty, tm, Math.min(day, lastDayOf(ty, tm))));
            outstanding = outstanding.minus(line.principal);
          });
          // Principal parts add up to P exactly.
          expect(outstanding.isZero()).toBe(true);
          // The remainder absorbed by the last installment stays small: < 1 céntimo per period.
          const last = lines[termMonths - 1].installment;
          expect(last.minus(annuity).abs().lte(new Decimal(n).mul('0.01'))).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  });
});
