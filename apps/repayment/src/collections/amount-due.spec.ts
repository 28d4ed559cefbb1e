import { dailyRate, Decimal, money } from '@qollqa/money';
import { InstallmentBalance } from '../loans/installment-balance';
import { owedOn, projectedMoratoryInterest } from './amount-due';

/**
 * PEN 1,000.00 at TEA 18 % over 3 months, disbursed 2026-01-15 (the French schedule):
 *   1  2026-02-15  principal 328.74  interest 13.89
 *   2  2026-03-15  principal 333.31  interest  9.32
 *   3  2026-04-15  principal 337.95  interest  4.69
 * Moratory TEA 10 %: daily rate 1.10^(1/360) − 1 = 0.000264785548963.
 */
const line = (
  number: number,
  dueDate: string,
  principal: string,
  interest: string,
  paid: { principal?: string; interest?: string } = {},
): InstallmentBalance => ({
  number,
  dueDate,
  principal: money(principal),
  interest: money(interest),
  paidPrincipal: money(paid.principal ?? '0'),
  paidInterest: money(paid.interest ?? '0'),
  cancelledInterest: money(0),
});
const schedule = () => [
  line(1, '2026-02-15', '328.74', '13.89'),
  line(2, '2026-03-15', '333.31', '9.32'),
  line(3, '2026-04-15', '337.95', '4.69'),
];
const rate = dailyRate('0.10');

describe('projectedMoratoryInterest', () => {
  it('is nothing on the business date itself', () => {
    expect(projectedMoratoryInterest(schedule(), rate, '2026-02-20', '2026-02-20').toFixed(2)).toBe(
      '0.00',
    );
  });

  it('accrues each day on the principal due before it, rounded per day', () => {
    // Feb 21 … Mar 15 (23 days) on installment 1's 328.74: 328.74 × 0.000264786 = 0.0870 → 0.09 a day,
    // 23 × 0.09 = 2.07. Mar 16 … Mar 20 (5 days) on 328.74 + 333.31 = 662.05: 0.1753 → 0.18, 5 × 0.18 = 0.90.
    expect(projectedMoratoryInterest(schedule(), rate, '2026-02-20', '2026-03-15').toFixed(2)).toBe(
      '2.07',
    );
    expect(projectedMoratoryInterest(schedule(), rate, '2026-02-20', '2026-03-20').toFixed(2)).toBe(
      '2.97',
    );
  });

  it('counts only unpaid principal, and nothing before the first due date', () => {
    // Installment 1 has 243.08 of principal left: 243.08 × 0.000264786 = 0.0644 → 0.06 a day, from
    // Feb 16 (the day after it fell due) to Feb 20: 5 × 0.06 = 0.30.
    const partlyPaid = [
      line(1, '2026-02-15', '328.74', '13.89', { principal: '85.66', interest: '13.89' }),
    ];
    expect(projectedMoratoryInterest(partlyPaid, rate, '2026-02-01', '2026-02-20').toFixed(2)).toBe(
      '0.30',
    );
  });
});

describe('owedOn', () => {
  const owed = (installments: InstallmentBalance[], moratory: string, date: string) =>
    owedOn({
      installments,
      moratoryInterestDue: new Decimal(moratory),
      moratoryDailyRate: rate,
      businessDate: '2026-02-20',
      date,
    });

  it('on the business date: the overdue installment and the moratory interest accrued', () => {
    // 328.74 + 13.89 + 0.45 (Feb 16 … 20: 5 × 0.09)
    const result = owed(schedule(), '0.45', '2026-02-20');
    expect(result?.amountDue.toFixed(2)).toBe('343.08');
    expect(result).toMatchObject({ dueDate: '2026-02-15', daysPastDue: 5 });
  });

  it('on a later date: the installments due by then and the moratory interest projected', () => {
    // 342.63 + 342.63 + 0.45 + 2.07 = 687.78; Feb 15 → Mar 15 is 28 days
    const result = owed(schedule(), '0.45', '2026-03-15');
    expect(result?.amountDue.toFixed(2)).toBe('687.78');
    expect(result).toMatchObject({ dueDate: '2026-02-15', daysPastDue: 28 });
  });

  it('nothing owed: a loan current until its next due date', () => {
    const paidFirst = schedule();
    paidFirst[0] = line(1, '2026-02-15', '328.74', '13.89', {
      principal: '328.74',
      interest: '13.89',
    });
    expect(owed(paidFirst, '0.00', '2026-02-20')).toBeNull();
    // On its due date the second installment is owed, not yet late.
    const result = owed(paidFirst, '0.00', '2026-03-15');
    expect(result?.amountDue.toFixed(2)).toBe('342.63');
    expect(result).toMatchObject({ dueDate: '2026-03-15', daysPastDue: 0 });
  });
});
