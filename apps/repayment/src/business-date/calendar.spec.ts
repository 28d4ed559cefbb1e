import { addDays, todayInLima, todayUtc } from './calendar';

describe('calendar', () => {
  it.each([
    ['2026-01-15', 1, '2026-01-16'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-02-15', 90, '2026-05-16'],
  ])('%s + %d days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it("Lima's date is 5 hours behind UTC", () => {
    expect(todayInLima(new Date('2026-04-03T04:59:59Z'))).toBe('2026-04-02');
    expect(todayInLima(new Date('2026-04-03T05:00:00Z'))).toBe('2026-04-03');
    expect(todayUtc(new Date('2026-04-03T04:59:59Z'))).toBe('2026-04-03');
  });
});
