import { Decimal } from '@qollqa/money';
import {
  classificationKeepingSql,
  classificationSql,
  classify,
  classifyKeeping,
  daysPastDue,
  delinquencyBand,
  delinquencyBandSql,
  installmentStatus,
} from './delinquency';
import { InstallmentBalance } from './installment-balance';

const line = (
  number: number,
  dueDate: string,
  paid: { principal?: string; interest?: string } = {},
): InstallmentBalance => ({
  number,
  dueDate,
  principal: new Decimal('328.74'),
  interest: new Decimal('13.89'),
  paidPrincipal: new Decimal(paid.principal ?? '0'),
  paidInterest: new Decimal(paid.interest ?? '0'),
  cancelledInterest: new Decimal(0),
});

describe('SBS classification (micro and small enterprise credits)', () => {
  it.each([
    [0, 'normal'],
    [8, 'normal'],
    [9, 'cpp'],
    [30, 'cpp'],
    [31, 'deficiente'],
    [60, 'deficiente'],
    [61, 'dudoso'],
    [120, 'dudoso'],
    [121, 'perdida'],
    [400, 'perdida'],
  ])('%d days past due → %s', (dpd, expected) => {
    expect(classify(dpd)).toBe(expected);
  });

  it('builds the same table as a SQL CASE', () => {
    expect(classificationSql('x')).toBe(
      "(CASE WHEN x >= 121 THEN 'perdida' WHEN x >= 61 THEN 'dudoso' WHEN x >= 31 THEN 'deficiente' WHEN x >= 9 THEN 'cpp' ELSE 'normal' END)",
    );
  });
});

describe('delinquency thresholds (DPD > 1, ≥ 9, ≥ 31, ≥ 61, > 90, ≥ 121)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [8, 1],
    [9, 2],
    [30, 2],
    [31, 3],
    [61, 4],
    [90, 4],
    [91, 5],
    [120, 5],
    [121, 6],
  ])('%d days past due is in band %d', (dpd, band) => {
    expect(delinquencyBand(dpd)).toBe(band);
  });

  it('builds the band as SQL', () => {
    expect(delinquencyBandSql('d')).toBe(
      '((d >= 2)::int + (d >= 9)::int + (d >= 31)::int + (d >= 61)::int + (d >= 91)::int + (d >= 121)::int)',
    );
  });
});

describe('daysPastDue', () => {
  const schedule = [line(1, '2026-02-15'), line(2, '2026-03-15'), line(3, '2026-04-15')];

  it('is 0 on the due date itself and before it', () => {
    expect(daysPastDue(schedule, '2026-02-01')).toBe(0);
    expect(daysPastDue(schedule, '2026-02-15')).toBe(0);
  });

  it('counts from the oldest installment not fully paid', () => {
    // 2026-02-15 → 2026-03-18: 13 days of February + 18 of March = 31
    expect(daysPastDue(schedule, '2026-03-18')).toBe(31);
  });

  it('moves to the next installment once the oldest is paid', () => {
    const paidFirst = [
      line(1, '2026-02-15', { principal: '328.74', interest: '13.89' }),
      ...schedule.slice(1),
    ];
    expect(daysPastDue(paidFirst, '2026-03-18')).toBe(3);
    expect(daysPastDue(paidFirst, '2026-03-15')).toBe(0);
  });

  it('a partly paid installment is still past due', () => {
    const partly = [line(1, '2026-02-15', { principal: '328.73', interest: '13.89' })];
    expect(daysPastDue(partly, '2026-02-16')).toBe(1);
  });
});

describe('installmentStatus', () => {
  it.each([
    [line(1, '2026-02-15'), '2026-02-15', 'pending'],
    [line(1, '2026-02-15'), '2026-02-16', 'overdue'],
    [line(1, '2026-02-15', { interest: '13.89' }), '2026-02-10', 'partial'],
    [line(1, '2026-02-15', { interest: '13.89' }), '2026-02-16', 'overdue'],
    [line(1, '2026-02-15', { principal: '328.74', interest: '13.89' }), '2026-09-01', 'paid'],
  ])('%#: %o at %s is %s', (installment, businessDate, expected) => {
    expect(installmentStatus(installment, businessDate)).toBe(expected);
  });
});

describe('the class a reprogrammed loan keeps', () => {
  it.each([
    // DPD, class kept, class
    [0, null, 'normal'],
    [0, 'cpp', 'cpp'], // DPD 0 after the reprogramming: the class does not improve
    [8, 'cpp', 'cpp'],
    [30, 'cpp', 'cpp'],
    [31, 'cpp', 'deficiente'], // later arrears worsen it as any arrears do
    [95, 'cpp', 'dudoso'],
    [10, 'normal', 'cpp'],
    [0, 'deficiente', 'deficiente'],
  ] as const)('DPD %d keeping %s: %s', (dpd, kept, expected) => {
    expect(classifyKeeping(dpd, kept)).toBe(expected);
  });

  it('says the same in SQL: classify(greatest(DPD, the lowest DPD of the kept class))', () => {
    expect(classificationKeepingSql('d', 'k')).toBe(
      classificationSql(
        "greatest(d, (CASE k WHEN 'cpp' THEN 9 WHEN 'deficiente' THEN 31 WHEN 'dudoso' THEN 61 WHEN 'perdida' THEN 121 ELSE 0 END))",
      ),
    );
  });

  it('shows a replaced installment as rescheduled, whatever was paid on it', () => {
    const replaced = { ...line(1, '2026-02-15'), rescheduledBy: 'a-reprogramming' };
    expect(installmentStatus(replaced, '2026-03-07')).toBe('rescheduled');
  });
});
