// Calendar dates as 'YYYY-MM-DD' strings. All arithmetic is on plain year/month/day numbers or
// UTC midnights, so the host time zone and DST never matter.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** True when `s` is a 'YYYY-MM-DD' string naming a real calendar date (e.g. not 2026-02-30). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseIsoDate(s: string): { year: number; month: number; day: number } {
  if (!isIsoDate(s)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${String(s)}`);
  const [year, month, day] = s.split('-').map(Number);
  return { year, month, day };
}

/**
 * Same day-of-month `months` later (or earlier, if negative), clamped to the last day of the
 * target month: addMonthsClamped('2026-01-31', 1) → '2026-02-28'. Always count from the original
 * date (k months from disbursement), never chain from a previous clamped result.
 */
export function addMonthsClamped(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = parseIsoDate(isoDate);
  const monthIndex = year * 12 + (month - 1) + months; // months since year 0
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  if (newYear < 0 || newYear > 9999)
    throw new RangeError(`Date out of range: ${isoDate} + ${months}`);
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${pad(newYear, 4)}-${pad(newMonth, 2)}-${pad(newDay, 2)}`;
}

function utcDayNumber(isoDate: string): number {
  const { year, month, day } = parseIsoDate(isoDate);
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, does not remap years 0–99 to 19xx
  return t.getTime() / MS_PER_DAY;
}

/** Whole days from `fromIso` to `toIso` (to − from); negative when `toIso` is earlier. */
export function daysBetween(fromIso: string, toIso: string): number {
  return utcDayNumber(toIso) - utcDayNumber(fromIso);
}

/** Comparator for sort(): negative, 0 or positive as `a` is before, equal to or after `b`. */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  // Validated, zero-padded 4-digit years: lexicographic order is chronological order.
  return a < b ? -1 : a > b ? 1 : 0;
}
