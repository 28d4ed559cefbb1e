// Money, percentages and dates. Money comes from the API as decimal strings ("1500.00") and is
// never turned into a JavaScript number: binary floating point cannot hold céntimos exactly.
// Arithmetic (what is left to pay on an installment, a surplus preview) goes through BigInt
// céntimos; display is string formatting.
import { getLang, getLocale, t } from './i18n.js';

const DECIMAL = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/;

/** A decimal string as { negative, digits: BigInt, scale } ("-12.345" → -, 12345n, 3), or null. */
function parseDecimal(value) {
  if (value === null || value === undefined) return null;
  const match = DECIMAL.exec(String(value));
  if (!match) return null;
  const fraction = match[3] ?? '';
  return {
    negative: match[1] === '-',
    digits: BigInt(match[2] + fraction),
    scale: fraction.length,
  };
}

/** Divides a non-negative BigInt by 10^shift, rounding half-up (the project's rounding rule). */
function roundShift(digits, shift) {
  if (shift <= 0) return digits * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const quotient = digits / divisor;
  return digits % divisor >= divisor / 2n ? quotient + 1n : quotient;
}

/** "1500.5" → 150050n céntimos; null when the string is not a decimal. */
export function toCents(value) {
  const d = parseDecimal(value);
  if (!d) return null;
  const cents = roundShift(d.digits, d.scale - 2);
  return d.negative ? -cents : cents;
}

/** 150050n → "1500.50" (the API's own format). */
export function centsToString(cents) {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = (abs / 100n).toString();
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${units}.${fraction}`;
}

export function addMoney(...values) {
  return centsToString(values.reduce((sum, v) => sum + (toCents(v) ?? 0n), 0n));
}

export function subtractMoney(a, b) {
  return centsToString((toCents(a) ?? 0n) - (toCents(b) ?? 0n));
}

export function compareMoney(a, b) {
  const x = toCents(a) ?? 0n;
  const y = toCents(b) ?? 0n;
  return x === y ? 0 : x < y ? -1 : 1;
}

function groupThousands(integerDigits) {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "1500.00" → "S/ 1,500.00". Peru writes soles with a comma for thousands and a point for
 * decimals in both languages, so the format does not change with the language toggle.
 * Anything that is not a decimal is shown as it came (never a crash, never "NaN").
 */
export function money(value) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const cents = toCents(value);
  if (cents === null) return String(value);
  const [units, fraction] = centsToString(cents < 0n ? -cents : cents).split('.');
  // A no-break space keeps "S/" and the amount on one line on a narrow screen.
  return `${cents < 0n ? '−' : ''}S/\u00a0${groupThousands(units)}.${fraction}`;
}

/** A whole count with thousands separators (42 → "42", 100000 → "100,000"). */
export function count(value) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const text = String(value);
  return /^-?\d+$/.test(text)
    ? text.replace(/^(-?)(\d+)$/, (m, s, d) => s + groupThousands(d))
    : text;
}

/**
 * A rate as a decimal string ("0.0412") shown as a percentage ("4.12 %"), by moving the decimal
 * point, rounded half-up to `places`.
 */
export function percent(value, places = 2) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const d = parseDecimal(value);
  if (!d) return String(value);
  // value × 100 has scale (d.scale − 2); round it to `places`.
  const scaled = roundShift(d.digits, d.scale - 2 - places);
  const text = scaled.toString().padStart(places + 1, '0');
  let out = places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
  // "70.00" reads better as "70" and "18.50" as "18.5".
  if (places > 0) out = out.replace(/\.?0+$/, '');
  const sign = d.negative && scaled !== 0n ? '−' : '';
  return getLang() === 'es' ? `${sign}${out} %` : `${sign}${out}%`;
}

/** A plain decimal string rounded for display ("3.456" → "3.46"), used for ratios like leverage. */
export function decimal(value, places = 2) {
  const d = parseDecimal(value);
  if (!d) return value === null || value === undefined ? t('common.none') : String(value);
  const scaled = roundShift(d.digits, d.scale - places);
  const text = scaled.toString().padStart(places + 1, '0');
  const out = places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
  return `${d.negative && scaled !== 0n ? '−' : ''}${out}`;
}

/**
 * What a person typed in a money field, as the API's string ("1,500" → "1500.00", "400,5" →
 * "400.50"), or null when it is not an amount. A single comma followed by one or two digits is
 * read as a decimal comma, because some phones' keyboards only offer a comma.
 */
export function normalizeMoneyInput(raw) {
  let text = String(raw ?? '')
    .replace(/S\/\.?/i, '')
    .replace(/\s+/g, '');
  if (text === '') return null;
  if (text.includes('.') && text.includes(',')) text = text.replace(/,/g, '');
  else if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  else text = text.replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const units = match[1].replace(/^0+(?=\d)/, '');
  return `${units}.${(match[2] ?? '').padEnd(2, '0')}`;
}

// ---- dates ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-04-02" → "2 abr. 2026" / "2 Apr 2026". Parsed as a calendar date: no time zone shift. */
export function date(value, style = 'medium') {
  if (!value) return t('common.none');
  const match = ISO_DATE.exec(String(value).slice(0, 10));
  if (!match) return String(value);
  const utc = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  try {
    return new Intl.DateTimeFormat(getLocale(), {
      dateStyle: /** @type {'full' | 'long' | 'medium' | 'short'} */ (style),
      timeZone: 'UTC',
    }).format(utc);
  } catch {
    return String(value);
  }
}

/** An ISO timestamp in Peru's time, where the programme runs ("22 nov. 2026, 06:40"). */
export function dateTime(value) {
  if (!value) return t('common.none');
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(getLocale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/Lima',
    }).format(parsed);
  } catch {
    return parsed.toISOString();
  }
}

/** "2026-04-02" + 1 → "2026-04-03" (calendar arithmetic in UTC, so no daylight-saving surprise). */
export function addDays(isoDate, days) {
  const match = ISO_DATE.exec(String(isoDate ?? ''));
  if (!match) return '';
  const d = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3] + days));
  return d.toISOString().slice(0, 10);
}

/** Today's date in Lima as YYYY-MM-DD (a default for date inputs; the server's business date wins). */
export function todayInLima() {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** The first 8 characters of a UUID, enough to tell loans apart on screen. */
export function shortId(id) {
  return String(id ?? '').slice(0, 8);
}
