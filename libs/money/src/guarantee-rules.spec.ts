import fc from 'fast-check';
import { Decimal, formatMoney } from './decimal';
import {
  coveredAmount,
  coveredAmountSql,
  exposure,
  exposureSql,
  guaranteeFee,
  headroom,
  headroomSql,
  leverage,
  stressTest,
  withinLeverageLimit,
  withinLeverageLimitSql,
} from './guarantee-rules';

describe('the guarantee rules', () => {
  it("covers 70 % of API.md's loan: 0.70 × 6000.00 = 4200.00, fee 1.5 % of it = 63.00", () => {
    const guaranteed = coveredAmount('6000.00', '0.70');
    expect(formatMoney(guaranteed)).toBe('4200.00');
    expect(formatMoney(guaranteeFee(guaranteed, '0.015'))).toBe('63.00');
  });

  it('rounds coverage × amount half-up to the céntimo, and the fee on that rounded amount', () => {
    // 0.70 × 1234.55 = 864.185 → 864.19; 0.015 × 864.19 = 12.96285 → 12.96.
    expect(formatMoney(coveredAmount('1234.55', '0.70'))).toBe('864.19');
    expect(formatMoney(guaranteeFee(coveredAmount('1234.55', '0.70'), '0.015'))).toBe('12.96');
    // 0.50 × 0.01 = 0.005 → 0.01 (a tie goes up).
    expect(formatMoney(coveredAmount('0.01', '0.50'))).toBe('0.01');
  });

  it('exposes the covered outstanding only while the guarantee is active', () => {
    expect(formatMoney(exposure(true, '2999.99', '0.70'))).toBe('2099.99');
    expect(formatMoney(exposure(false, '2999.99', '0.70'))).toBe('0.00');
  });

  it('lets the fund take a guarantee while exposure after it ≤ limit × available capital', () => {
    const fund = { exposure: '390000.00', availableCapital: '100000.00', leverageLimit: '4' };
    expect(withinLeverageLimit(fund, '10000.00')).toBe(true); // exactly 400000.00
    expect(withinLeverageLimit(fund, '10000.01')).toBe(false);
    expect(withinLeverageLimit(fund)).toBe(true);
    expect(formatMoney(headroom(fund))).toBe('10000.00');
    expect(formatMoney(headroom({ ...fund, exposure: '500000.00' }))).toBe('0.00');
  });

  it('says leverage with 2 places, "0.00" with no capital', () => {
    expect(leverage('7700.00', '100115.50')).toBe('0.08');
    expect(leverage('235.00', '100.00')).toBe('2.35');
    expect(leverage('100.00', '0.00')).toBe('0.00');
    expect(leverage('100.00', '-5.00')).toBe('0.00');
  });

  it('builds each rule as SQL over columns and parameters', () => {
    expect(coveredAmountSql('l.outstanding_principal', 'l.coverage')).toBe(
      'round(l.outstanding_principal * l.coverage, 2)',
    );
    expect(exposureSql("d.guarantee_status = 'active'", 'd.outstanding', 'd.coverage')).toBe(
      "(CASE WHEN d.guarantee_status = 'active' THEN round(d.outstanding * d.coverage, 2) ELSE 0 END)",
    );
    const fund = {
      exposure: 'p.exposure',
      availableCapital: 'p.available_capital',
      leverageLimit: 'f.leverage_limit',
    };
    expect(withinLeverageLimitSql(fund, '$1')).toBe(
      'p.exposure + $1 <= f.leverage_limit * p.available_capital',
    );
    expect(headroomSql(fund)).toBe(
      'greatest(f.leverage_limit * p.available_capital - p.exposure, 0)',
    );
  });

  it('never covers more than the amount, and the fee never exceeds the guaranteed amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.constantFrom('0.50', '0.70'),
        (cents, coverage) => {
          const amount = new Decimal(cents).div(100);
          const covered = coveredAmount(amount, coverage);
          expect(covered.lte(amount)).toBe(true);
          expect(covered.minus(amount.mul(coverage)).abs().lte('0.005')).toBe(true);
          expect(guaranteeFee(covered, '0.015').lte(covered)).toBe(true);
        },
      ),
    );
  });
});

describe('the stress test', () => {
  const fund = { exposure: '10500.00', availableCapital: '5000.00', leverageLimit: '4' };
  const guaranteed = {
    normal: '7000.00',
    cpp: '1400.35',
    deficiente: '700.00',
    dudoso: '0.00',
    perdida: '210.10',
  };
  const defaults = {
    normal: '0.01',
    cpp: '0.05',
    deficiente: '0.25',
    dudoso: '0.60',
    perdida: '1.00',
  };

  it('projects each class × its rate, rounded per class, and the fund after paying them', () => {
    const outcome = stressTest(fund, guaranteed, defaults);
    // 70.00 + 70.0175 → 70.02 + 175.00 + 0.00 + 210.10 = 525.12
    expect(Object.values(outcome.projectedByClass).map((d) => formatMoney(d))).toEqual([
      '70.00',
      '70.02',
      '175.00',
      '0.00',
      '210.10',
    ]);
    expect(formatMoney(outcome.projectedClaims)).toBe('525.12');
    expect(formatMoney(outcome.availableCapitalAfter)).toBe('4474.88');
    expect(formatMoney(outcome.exposureAfter)).toBe('9974.88');
    // 9974.88 ÷ 4474.88 = 2.2290… → 2.23; 9974.88 ≤ 4 × 4474.88 = 17899.52.
    expect(outcome.leverageAfter).toBe('2.23');
    expect(outcome.withinLimit).toBe(true);
  });

  it('finds the fund over its limit when the claims eat its capital', () => {
    const outcome = stressTest(
      { exposure: '20000.00', availableCapital: '5000.00', leverageLimit: '4' },
      { normal: '20000.00' },
      { normal: '0.10' },
    );
    // 18000.00 > 4 × 3000.00
    expect(formatMoney(outcome.exposureAfter)).toBe('18000.00');
    expect(formatMoney(outcome.availableCapitalAfter)).toBe('3000.00');
    expect(outcome.leverageAfter).toBe('6.00');
    expect(outcome.withinLimit).toBe(false);
  });

  it('changes nothing at rates of zero', () => {
    const zero = { normal: '0', cpp: '0', deficiente: '0', dudoso: '0', perdida: '0' };
    const outcome = stressTest(fund, guaranteed, zero);
    expect(formatMoney(outcome.projectedClaims)).toBe('0.00');
    expect(outcome.leverageAfter).toBe(leverage(fund.exposure, fund.availableCapital));
  });
});
