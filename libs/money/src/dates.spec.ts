import { addMonthsClamped, compareIsoDates, daysBetween, isIsoDate } from './dates';

describe('addMonthsClamped', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'], // clamped to the end of February
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-31', 2, '2026-03-31'], // counted from the original day, not from Feb 28
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-30', 3, '2027-02-28'], // year rollover
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-10', -1, '2025-12-10'],
    ['2026-05-20', 0, '2026-05-20'],
    ['2000-01-29', 1, '2000-02-29'], // divisible by 400: leap
    ['2100-01-29', 1, '2100-02-28'], // divisible by 100: not leap
  ])('%s + %d months → %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('rejects invalid input', () => {
    expect(() => addMonthsClamped('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    '',
    20260101,
    null,
  ])('rejects %p', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-12-31', 364],
    ['2028-02-28', '2028-03-01', 2], // leap day in between
    ['2026-03-28', '2026-03-30', 2], // no DST effects
    ['2026-02-01', '2026-01-01', -31],
  ])('%s → %s = %d', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('compareIsoDates', () => {
  it('orders chronologically', () => {
    expect(compareIsoDates('2026-01-31', '2026-02-01')).toBe(-1);
    expect(compareIsoDates('2026-02-01', '2026-01-31')).toBe(1);
    expect(compareIsoDates('2026-02-01', '2026-02-01')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-01-05'].sort(compareIsoDates)).toEqual([
      '2026-01-05',
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('rejects invalid dates', () => {
    expect(() => compareIsoDates('2026-02-30', '2026-01-01')).toThrow(RangeError);
  });
});
