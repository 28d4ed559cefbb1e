import { formatMoney, money } from '@qollqa/money';
import type { Scorecard, ScoreInput, ScoreResult, ValueChain } from './scorecard';
import { SCORECARD_V1 } from './scorecard-v1';
import { scoreApplication } from './score-application';

// Monthly rate at TEA 18%: i = 1.18^(1/12) − 1 = 0.0138884303…

/** The reference example of the spec. */
const REFERENCE: ScoreInput = {
  requestedAmount: '6000.00',
  termMonths: 18,
  graceMonths: 0,
  tea: '0.18',
  monthlyRevenue: '3200.00',
  productionCosts: '1400.00',
  householdExpenses: '700.00',
  otherDebtPayments: '0.00',
  yearsInActivity: 6,
  associationMember: true,
  valueChain: 'dairy',
  repaymentHistory: 'none',
};

const score = (overrides: Partial<ScoreInput> = {}, scorecard: Scorecard = SCORECARD_V1) =>
  scoreApplication(scorecard, { ...REFERENCE, ...overrides });

const pointsOf = (result: ScoreResult, code: string) => {
  const factor = result.factors.find((f) => f.code === code);
  if (!factor) throw new Error(`no factor ${code}`);
  return factor.points;
};

/** Surplus S with no costs, household expenses or other debt: revenue = S. */
const surplusOnly = (surplus: string): Partial<ScoreInput> => ({
  monthlyRevenue: surplus,
  productionCosts: '0.00',
  householdExpenses: '0.00',
  otherDebtPayments: '0.00',
});

describe('scoreApplication with SCORECARD_V1', () => {
  it('reference example', () => {
    // A = 6000·i / (1 − (1+i)^−18) = 379.0303 → 379.03; S = 3200 − 1400 − 700 − 0 = 1100.00
    // r = 379.03 / 1100 = 0.3446 → 25; no history 10; 6 years 15; member 10; dairy 10; debt 0 % 10
    // total 80 → A → approve; max = P for A = 0.40·1100 = 440 over 18 → 6965.14
    expect(score()).toEqual({
      value: 80,
      grade: 'A',
      recommendation: 'approve',
      reasons: ['CAPACITY', 'NO_HISTORY'],
      installment: '379.03',
      netSurplus: '1100.00',
      maxAffordableAmount: '6965.14',
      scorecardVersion: 'v1',
      factors: [
        { code: 'CAPACITY', points: 25, maxPoints: 35 },
        { code: 'REPAYMENT_HISTORY', points: 10, maxPoints: 20 },
        { code: 'YEARS_IN_ACTIVITY', points: 15, maxPoints: 15 },
        { code: 'ASSOCIATION', points: 10, maxPoints: 10 },
        { code: 'VALUE_CHAIN', points: 10, maxPoints: 10 },
        { code: 'OTHER_DEBT', points: 10, maxPoints: 10 },
      ],
    });
  });

  it('v1 maximum points add up to 100', () => {
    expect(score().factors.reduce((sum, f) => sum + f.maxPoints, 0)).toBe(100);
  });

  it('grace: the installment and the maximum amortise over term − grace periods', () => {
    // A = 6000·i / (1 − (1+i)^−16) = 420.7946 → 420.79; r = 420.79 / 1100 = 0.3825 → 25
    // max = 440 · (1 − (1+i)^−16) / i = 6273.8443 → 6273.84
    const result = score({ graceMonths: 2 });
    expect(result.installment).toBe('420.79');
    expect(pointsOf(result, 'CAPACITY')).toBe(25);
    expect(result.maxAffordableAmount).toBe('6273.84');
  });

  it('does not round 40 % of the surplus before computing the maximum amount', () => {
    // S = 3200.05 − 2100 = 1100.05; 0.40·S = 440.02 exactly; P = 440.02·(1 − (1+i)^−18)/i = 6965.4585 → 6965.46
    expect(score({ monthlyRevenue: '3200.05' }).maxAffordableAmount).toBe('6965.46');
  });

  describe('capacity r = A / S (bands ≤ 0.25: 35, ≤ 0.40: 25, ≤ 0.60: 10, else 0)', () => {
    // P = 5983.69 at TEA 18 % over 18 months: A = 377.99999… → 378.00, so the bounds are exact:
    // 378 / 0.25 = 1512.00, 378 / 0.40 = 945.00, 378 / 0.60 = 630.00.
    const requestedAmount = '5983.69';

    it.each([
      ['1512.00', 35], // r = 378 / 1512.00 = 0.25 exactly
      ['1511.99', 25], // r = 0.2500016… > 0.25
      ['945.00', 25], // r = 378 / 945.00 = 0.40 exactly
      ['944.99', 10], // r = 0.4000042… > 0.40
      ['630.00', 10], // r = 378 / 630.00 = 0.60 exactly
      ['629.99', 0], // r = 0.6000095… > 0.60
      ['0.01', 0], // r = 37800
    ])('S = %s → %d points', (surplus, points) => {
      const result = score({ requestedAmount, ...surplusOnly(surplus) });
      expect(result.installment).toBe('378.00');
      expect(pointsOf(result, 'CAPACITY')).toBe(points);
      expect(result.reasons.includes('CAPACITY')).toBe(points < 35);
    });
  });

  describe('repayment history', () => {
    it.each([
      ['on_time', 20, undefined],
      ['none', 10, 'NO_HISTORY'],
      ['arrears', 0, 'PAST_ARREARS'],
    ] as const)('%s → %d points, reason %s', (repaymentHistory, points, reason) => {
      const result = score({ repaymentHistory });
      expect(pointsOf(result, 'REPAYMENT_HISTORY')).toBe(points);
      // Reference otherwise only loses CAPACITY points.
      expect(result.reasons).toEqual(reason ? ['CAPACITY', reason] : ['CAPACITY']);
    });
  });

  describe('years in activity (≥ 5: 15, ≥ 2: 10, less: 3)', () => {
    it.each([
      [6, 15],
      [5, 15],
      [4, 10],
      [2, 10],
      [1, 3],
      [0, 3],
    ])('%d years → %d points', (yearsInActivity, points) => {
      const result = score({ yearsInActivity });
      expect(pointsOf(result, 'YEARS_IN_ACTIVITY')).toBe(points);
      expect(result.reasons.includes('LOW_EXPERIENCE')).toBe(points < 15);
    });
  });

  describe('producer association', () => {
    it.each([
      [true, 10],
      [false, 0],
    ])('member %s → %d points', (associationMember, points) => {
      const result = score({ associationMember });
      expect(pointsOf(result, 'ASSOCIATION')).toBe(points);
      expect(result.reasons.includes('NOT_ASSOCIATED')).toBe(!associationMember);
    });
  });

  describe('value-chain risk (low: 10, medium: 6, high: 3)', () => {
    it.each<[ValueChain, number]>([
      ['dairy', 10], // low
      ['cheese', 10], // low
      ['guinea_pig', 6], // medium
      ['restaurant', 6], // medium
      ['native_potato', 3], // high
      ['mushroom', 3], // high
    ])('%s → %d points', (valueChain, points) => {
      const result = score({ valueChain });
      expect(pointsOf(result, 'VALUE_CHAIN')).toBe(points);
      expect(result.reasons.includes('VALUE_CHAIN_RISK')).toBe(points < 10);
    });
  });

  describe('other debt payments / revenue (< 10 %: 10, < 25 %: 5, else 0)', () => {
    it.each([
      ['0.00', 10], // 0 / 3200 = 0
      ['319.99', 10], // 319.99 / 3200 = 0.0999968…
      ['320.00', 5], // 320 / 3200 = 0.10 exactly
      ['799.99', 5], // 799.99 / 3200 = 0.2499968…
      ['800.00', 0], // 800 / 3200 = 0.25 exactly (S = 3200 − 2100 − 800 = 300 > 0)
    ])('other debt %s of revenue 3200.00 → %d points', (otherDebtPayments, points) => {
      const result = score({ otherDebtPayments });
      expect(pointsOf(result, 'OTHER_DEBT')).toBe(points);
      expect(result.reasons.includes('OTHER_DEBT')).toBe(points < 10);
    });

    it('revenue 0 → 0 points', () => {
      expect(pointsOf(score(surplusOnly('0.00')), 'OTHER_DEBT')).toBe(0);
    });
  });

  describe('grades (A ≥ 75, B ≥ 60, C ≥ 45, D ≥ 30, E below) and recommendations', () => {
    // With P = 6000.00 (A = 379.03) and no costs: capacity 35 at S = 2000 (r = 0.19),
    // 25 at S = 1200 (r = 0.32), 10 at S = 800 (r = 0.47); revenue = S + other debt, so other
    // debt = S gives ratio 0.50 (0 points), other debt = S / 5 gives 1/6 (5 points).
    const applicant = (
      surplus: string,
      otherDebt: string,
      rest: Partial<ScoreInput>,
    ): Partial<ScoreInput> => ({
      monthlyRevenue: formatMoney(money(surplus).plus(otherDebt)),
      productionCosts: '0.00',
      householdExpenses: '0.00',
      otherDebtPayments: otherDebt,
      ...rest,
    });
    const low = { repaymentHistory: 'arrears', yearsInActivity: 1 } as const;

    it.each([
      // 35 + 20 + 10 + 0 + 10 + 0 = 75
      [
        75,
        'A',
        'approve',
        applicant('2000.00', '2000.00', {
          repaymentHistory: 'on_time',
          yearsInActivity: 2,
          associationMember: false,
        }),
      ],
      // 35 + 20 + 3 + 0 + 6 + 10 = 74
      [
        74,
        'B',
        'approve',
        applicant('2000.00', '0.00', {
          repaymentHistory: 'on_time',
          yearsInActivity: 1,
          associationMember: false,
          valueChain: 'guinea_pig',
        }),
      ],
      // 35 + 0 + 15 + 0 + 10 + 0 = 60
      [
        60,
        'B',
        'approve',
        applicant('2000.00', '2000.00', {
          repaymentHistory: 'arrears',
          yearsInActivity: 5,
          associationMember: false,
        }),
      ],
      // 35 + 0 + 3 + 10 + 6 + 5 = 59
      [59, 'C', 'review', applicant('2000.00', '400.00', { ...low, valueChain: 'guinea_pig' })],
      // 25 + 0 + 10 + 0 + 10 + 0 = 45
      [
        45,
        'C',
        'review',
        applicant('1200.00', '1200.00', {
          repaymentHistory: 'arrears',
          yearsInActivity: 2,
          associationMember: false,
        }),
      ],
      // 25 + 0 + 3 + 10 + 6 + 0 = 44
      [44, 'D', 'decline', applicant('1200.00', '1200.00', { ...low, valueChain: 'restaurant' })],
      // 10 + 0 + 10 + 0 + 10 + 0 = 30
      [
        30,
        'D',
        'decline',
        applicant('800.00', '800.00', {
          repaymentHistory: 'arrears',
          yearsInActivity: 4,
          associationMember: false,
        }),
      ],
      // 10 + 0 + 3 + 10 + 6 + 0 = 29
      [29, 'E', 'decline', applicant('800.00', '800.00', { ...low, valueChain: 'guinea_pig' })],
    ] as const)('%d → %s, %s', (value, grade, recommendation, overrides) => {
      const result = score(overrides);
      expect(result.installment).toBe('379.03');
      expect([result.value, result.grade, result.recommendation]).toEqual([
        value,
        grade,
        recommendation,
      ]);
    });

    it('perfect application → 100, A, no reasons', () => {
      // S = 2000, r = 0.19 → 35; on time 20; 6 years 15; member 10; dairy 10; no other debt 10
      const result = score({ ...surplusOnly('2000.00'), repaymentHistory: 'on_time' });
      expect([result.value, result.grade, result.reasons]).toEqual([100, 'A', []]);
    });
  });

  describe('net surplus ≤ 0', () => {
    it('S = 0 → decline, NEGATIVE_SURPLUS first, maximum 0.00', () => {
      // S = 2100 − 1400 − 700 − 0 = 0; capacity 0 + on time 20 + 15 + 10 + 10 + debt 0 % 10 = 65 (B)
      const result = score({ monthlyRevenue: '2100.00', repaymentHistory: 'on_time' });
      expect(result).toMatchObject({
        value: 65,
        grade: 'B',
        recommendation: 'decline', // overrides the grade
        reasons: ['NEGATIVE_SURPLUS', 'CAPACITY'],
        netSurplus: '0.00',
        maxAffordableAmount: '0.00',
        installment: '379.03',
      });
    });

    it('S < 0 → decline and negative surplus reported', () => {
      // S = 2000 − 1400 − 700 − 150 = −250.00; other debt 150 / 2000 = 0.075 → 10
      const result = score({ monthlyRevenue: '2000.00', otherDebtPayments: '150.00' });
      expect(result).toMatchObject({
        recommendation: 'decline',
        reasons: ['NEGATIVE_SURPLUS', 'CAPACITY', 'NO_HISTORY'],
        netSurplus: '-250.00',
        maxAffordableAmount: '0.00',
      });
      expect(pointsOf(result, 'CAPACITY')).toBe(0);
    });

    it('revenue 0 → decline', () => {
      const result = score(surplusOnly('0.00'));
      expect(result.recommendation).toBe('decline');
      expect(result.reasons[0]).toBe('NEGATIVE_SURPLUS');
    });
  });

  it('reads only the scorecard data: another version changes the outcome', () => {
    const v2: Scorecard = {
      ...SCORECARD_V1,
      version: 'v2',
      capacity: {
        ...SCORECARD_V1.capacity,
        bands: [
          { comparison: 'lte', bound: '0.35', points: 35 },
          ...SCORECARD_V1.capacity.bands.slice(1),
        ],
      },
      maxInstallmentShareOfSurplus: '0.30',
    };
    // r = 0.3446 ≤ 0.35 → 35, so 80 + 10 = 90; max = P for 0.30·1100 = 330 over 18 = 5223.8564 → 5223.86
    const result = score({}, v2);
    expect(result).toMatchObject({ value: 90, reasons: ['NO_HISTORY'], scorecardVersion: 'v2' });
    expect(result.maxAffordableAmount).toBe('5223.86');
  });

  describe('rejects invalid input', () => {
    it.each<[string, Partial<ScoreInput>]>([
      ['3 decimals', { monthlyRevenue: '3200.001' }],
      ['negative amount', { householdExpenses: '-1.00' }],
      ['exponent', { requestedAmount: '6e3' }],
      ['fractional years', { yearsInActivity: 2.5 }],
      ['grace = term', { graceMonths: 18 }],
      ['negative grace', { graceMonths: -1 }],
      ['unknown value chain', { valueChain: 'toString' as ValueChain }],
      ['unknown history', { repaymentHistory: 'late' as ScoreInput['repaymentHistory'] }],
    ])('%s', (_, overrides) => {
      expect(() => score(overrides)).toThrow(RangeError);
    });
  });
});
