import { isIsoDate } from '@qollqa/money';

/** The calendar date `days` after a 'YYYY-MM-DD' date (UTC arithmetic: no time zone, no DST). */
export function addDays(isoDate: string, days: number): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${isoDate}`);
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const LIMA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Lima',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Cusco (America/Lima), where the programme's business days are. */
export function todayInLima(now: Date = new Date()): string {
  return LIMA.format(now);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
