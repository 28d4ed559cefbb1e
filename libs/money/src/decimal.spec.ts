import DecimalJs from 'decimal.js';
import { Decimal, formatMoney, formatRatio, isMoneyString, money, roundMoney } from './decimal';

describe('Decimal clone', () => {
  it('is configured for 40 digits and half-up rounding', () => {
    expect(Decimal.precision).toBe(40);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });

  it('keeps full precision for rates', () => {
    // 1/3 at 40 significant digits, not the default 20.
    expect(new Decimal(1).div(3).toString()).toBe('0.' + '3'.repeat(40));
  });
});

describe('money', () => {
  it('parses strings and decimals exactly', () => {
    expect(money('1500.10').toString()).toBe('1500.1');
    expect(money(new DecimalJs('0.1')).plus('0.2').toString()).toBe('0.3'); // no float drift
  });

  it.each(['abc', '', '1,5', NaN, Infinity, -Infinity, 'Infinity'])('rejects %p', (value) => {
    expect(() => money(value)).toThrow();
  });
});

describe('roundMoney', () => {
  it.each([
    ['2.345', '2.35'], // tie → up
    ['2.344', '2.34'],
    ['2.3450000001', '2.35'],
    ['2.005', '2.01'], // exact decimal tie (the JS number 2.005 would round down)
    ['-2.345', '-2.35'], // half-up = ties away from zero
    ['-2.344', '-2.34'],
    ['10', '10'],
  ])('%s → %s', (input, expected) => {
    expect(roundMoney(input).toString()).toBe(expected);
  });

  it('returns a value of the configured clone', () => {
    expect(roundMoney(new DecimalJs('1.005'))).toBeInstanceOf(Decimal);
  });
});

describe('formatMoney', () => {
  it.each([
    [new Decimal('1'), '1.00'],
    ['1500', '1500.00'],
    ['1500.5', '1500.50'],
    ['-3.5', '-3.50'],
    ['2.345', '2.35'],
    ['0', '0.00'],
    ['-0.001', '0.00'], // never "-0.00"
    ['1e21', '1000000000000000000000.00'], // never exponential notation
    ['12345678901234567890.125', '12345678901234567890.13'],
  ])('%p → %s', (input, expected) => {
    expect(formatMoney(input)).toBe(expected);
  });
});

describe('formatRatio', () => {
  it.each([
    ['0.041234', 4, '0.0412'],
    ['0.04125', 4, '0.0413'], // tie → up
    ['0.5', 4, '0.5000'],
    ['1', 0, '1'],
    ['-0.00004', 4, '0.0000'],
  ])('formatRatio(%s, %d) → %s', (input, places, expected) => {
    expect(formatRatio(input, places)).toBe(expected);
  });
});

describe('isMoneyString', () => {
  it.each(['0', '1500', '1500.5', '1500.50', '-3.50', '007.10'])('accepts %p', (s) => {
    expect(isMoneyString(s)).toBe(true);
  });

  it.each([
    '',
    '1500.',
    '.50',
    '1500.505',
    '+1',
    '1e3',
    ' 1',
    '1 ',
    '1,50',
    'NaN',
    '--1',
    15,
    null,
  ])('rejects %p', (s) => {
    expect(isMoneyString(s)).toBe(false);
  });
});
