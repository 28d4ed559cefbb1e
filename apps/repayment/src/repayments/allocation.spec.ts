import { buildFrenchSchedule, Decimal, formatMoney } from '@qollqa/money';
import { InstallmentBalance } from '../loans/installment-balance';
import { allocateRepayment, AllocationInput, maximumRepayment } from './allocation';

/**
 * PEN 1,000.00 at TEA 18 % over 3 months, disbursed 2026-01-15 (libs/money's French schedule):
 *   1  2026-02-15  principal 328.74  interest 13.89  installment 342.63
 *   2  2026-03-15  principal 333.31  interest  9.32  installment 342.63
 *   3  2026-04-15  principal 337.95  interest  4.69  installment 342.64
 */
function schedule(): InstallmentBalance[] {
  return buildFrenchSchedule({
    principal: '1000.00',
    tea: '0.18',
    termMonths: 3,
    disbursedOn: '2026-01-15',
  }).map((line) => ({
    number: line.number,
    dueDate: line.dueDate,
    principal: line.principal,
    interest: line.interest,
    paidPrincipal: new Decimal(0),
    paidInterest: new Decimal(0),
    cancelledInterest: new Decimal(0),
  }));
}

function allocate(amount: string, paidOn: string, moratory = '0', installments = schedule()) {
  const input: AllocationInput = {
    amount: new Decimal(amount),
    paidOn,
    moratoryInterestDue: new Decimal(moratory),
    installments,
  };
  const result = allocateRepayment(input);
  return {
    allocated: {
      moratoryInterest: formatMoney(result.moratoryInterest),
      interest: formatMoney(result.interest),
      principal: formatMoney(result.principal),
      prepayment: formatMoney(result.prepayment),
    },
    lines: result.installments.map((l) => [
      l.number,
      formatMoney(l.paidInterest),
      formatMoney(l.paidPrincipal),
      formatMoney(l.interest),
      formatMoney(l.cancelledInterest),
    ]),
    changed: result.changed,
  };
}

describe('allocateRepayment', () => {
  it('the schedule is the one the comments use', () => {
    expect(
      schedule().map((l) => [l.dueDate, l.principal.toFixed(2), l.interest.toFixed(2)]),
    ).toEqual([
      ['2026-02-15', '328.74', '13.89'],
      ['2026-03-15', '333.31', '9.32'],
      ['2026-04-15', '337.95', '4.69'],
    ]);
  });

  it('partial: interest first, then principal of the installment due', () => {
    // 100.00 on the due date: interest 13.89, principal 100.00 − 13.89 = 86.11
    const { allocated, lines, changed } = allocate('100.00', '2026-02-15');
    expect(allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '13.89',
      principal: '86.11',
      prepayment: '0.00',
    });
    expect(lines[0]).toEqual([1, '13.89', '86.11', '13.89', '0.00']);
    expect(changed).toEqual([1]);
  });

  it('exact: the installment on its due date pays it and nothing else', () => {
    // 342.63 = 13.89 + 328.74
    const { allocated, lines } = allocate('342.63', '2026-02-15');
    expect(allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '13.89',
      principal: '328.74',
      prepayment: '0.00',
    });
    expect(lines[1]).toEqual([2, '0.00', '0.00', '9.32', '0.00']);
  });

  it('moratory interest comes before everything else', () => {
    // 50.00 with 1.08 moratory due: 1.08, then interest 13.89, then principal 50 − 1.08 − 13.89 = 35.03
    const { allocated } = allocate('50.00', '2026-02-24', '1.08');
    expect(allocated).toEqual({
      moratoryInterest: '1.08',
      interest: '13.89',
      principal: '35.03',
      prepayment: '0.00',
    });
  });

  it('oldest installment first when two are due', () => {
    // On 2026-03-15 both 1 and 2 are due: 13.89 + 328.74 = 342.63 for the first, then 9.32
    // interest of the second and 400.00 − 342.63 − 9.32 = 48.05 of its principal.
    const { allocated, lines } = allocate('400.00', '2026-03-15');
    expect(allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '23.21',
      principal: '376.79',
      prepayment: '0.00',
    });
    expect(lines.slice(0, 2)).toEqual([
      [1, '13.89', '328.74', '13.89', '0.00'],
      [2, '9.32', '48.05', '9.32', '0.00'],
    ]);
  });

  it('over-payment prepays principal from the last installment backwards', () => {
    // 700.00 on 2026-02-15: 342.63 pays installment 1; 357.37 remains. Installment 3's principal
    // 337.95 is cleared (its interest 4.69 is cancelled: no principal left in its period), and the
    // last 357.37 − 337.95 = 19.42 goes to installment 2's principal.
    const { allocated, lines, changed } = allocate('700.00', '2026-02-15');
    expect(allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '13.89',
      principal: '328.74',
      prepayment: '357.37',
    });
    expect(lines).toEqual([
      [1, '13.89', '328.74', '13.89', '0.00'],
      [2, '0.00', '19.42', '9.32', '0.00'],
      [3, '0.00', '337.95', '0.00', '4.69'],
    ]);
    expect(changed).toEqual([1, 2, 3]);
  });

  it('a payment before the first due date is all prepayment', () => {
    const { allocated, lines } = allocate('100.00', '2026-02-01');
    expect(allocated.prepayment).toBe('100.00');
    expect(lines[2]).toEqual([3, '0.00', '100.00', '4.69', '0.00']);
  });

  it('the maximum is what is due plus the principal not yet due', () => {
    // On 2026-02-15: 1.08 + 13.89 + 328.74 + 333.31 + 337.95 = 1014.97
    const input = {
      paidOn: '2026-02-15',
      moratoryInterestDue: new Decimal('1.08'),
      installments: schedule(),
    };
    expect(formatMoney(maximumRepayment(input))).toBe('1014.97');
    // On 2026-04-15 every installment is due: 1.08 + 1000.00 + 13.89 + 9.32 + 4.69 = 1028.98
    expect(formatMoney(maximumRepayment({ ...input, paidOn: '2026-04-15' }))).toBe('1028.98');
  });

  it('paying the maximum pays everything', () => {
    const { allocated, lines } = allocate('1014.97', '2026-02-15', '1.08');
    expect(allocated).toEqual({
      moratoryInterest: '1.08',
      interest: '13.89',
      principal: '328.74',
      prepayment: '671.26',
    });
    expect(lines.map((l) => l[1] === l[3])).toEqual([true, true, true]);
  });

  it('refuses more than the maximum, and nothing', () => {
    expect(() => allocate('1013.90', '2026-02-15')).toThrow(RangeError);
    expect(() => allocate('0', '2026-02-15')).toThrow(RangeError);
  });

  it('does not change its input', () => {
    const installments = schedule();
    allocate('700.00', '2026-02-15', '0', installments);
    expect(installments.every((l) => l.paidPrincipal.isZero() && l.interest.gt(0))).toBe(true);
  });
});

describe('interest a reprogramming deferred', () => {
  /**
   * Three installments of a reprogrammed loan, due from 2026-04-15: each principal 100.00, interest
   * 10.00 of which 4.00 deferred (owed from before the reprogramming).
   */
  const reprogrammed = (): InstallmentBalance[] =>
    ['2026-04-15', '2026-05-15', '2026-06-15'].map((dueDate, index) => ({
      number: 13 + index,
      dueDate,
      principal: new Decimal('100.00'),
      interest: new Decimal('10.00'),
      deferredInterest: new Decimal('4.00'),
      paidPrincipal: new Decimal(0),
      paidInterest: new Decimal(0),
      cancelledInterest: new Decimal(0),
    }));

  it('is owed even when a prepayment clears the principal: only the ordinary interest is cancelled', () => {
    // Before anything is due: 130.00 prepays 100.00 of 15 and 30.00 of 14. Installment 15 keeps
    // its 4.00 of deferred interest (cancelling 6.00); 14 is partly prepaid and keeps its interest.
    const result = allocate('130.00', '2026-04-01', '0', reprogrammed());
    expect(result.allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '0.00',
      principal: '0.00',
      prepayment: '130.00',
    });
    expect(result.lines).toEqual([
      [13, '0.00', '0.00', '10.00', '0.00'],
      [14, '0.00', '30.00', '10.00', '0.00'],
      [15, '0.00', '100.00', '4.00', '6.00'],
    ]);
  });

  it('counts in what paying everything off takes: all principal, then the deferred interest', () => {
    const input = {
      paidOn: '2026-04-01',
      moratoryInterestDue: new Decimal(0),
      installments: reprogrammed(),
    };
    // 3 × 100.00 of principal + 3 × 4.00 deferred; the ordinary interest of later months is not owed.
    expect(formatMoney(maximumRepayment(input))).toBe('312.00');
    const result = allocate('312.00', '2026-04-01', '0', reprogrammed());
    expect(result.allocated).toEqual({
      moratoryInterest: '0.00',
      interest: '12.00',
      principal: '0.00',
      prepayment: '300.00',
    });
    expect(result.lines).toEqual([
      [13, '4.00', '100.00', '4.00', '6.00'],
      [14, '4.00', '100.00', '4.00', '6.00'],
      [15, '4.00', '100.00', '4.00', '6.00'],
    ]);
  });

  it('is paid first of an installment that falls due, like any interest', () => {
    const result = allocate('110.00', '2026-04-15', '0', reprogrammed());
    expect(result.allocated).toMatchObject({ interest: '10.00', principal: '100.00' });
    expect(result.lines[0]).toEqual([13, '10.00', '100.00', '10.00', '0.00']);
  });
});
