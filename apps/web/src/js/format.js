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

// ---- the guarantee fund's analytics: shares, stress rates, the capital a fund would need ----

/**
 * part ÷ whole as a decimal string with `places` places, rounded half-up, computed on BigInt digits
 * ("2970.00" ÷ "3100.00" → "0.9581"); null when either is not a decimal or the whole is zero.
 */
export function ratio(part, whole, places = 4) {
  const p = parseDecimal(part);
  const w = parseDecimal(whole);
  if (!p || !w || w.digits === 0n) return null;
  // (p.digits / 10^p.scale) / (w.digits / 10^w.scale) × 10^places, as one integer division.
  const numerator = p.digits * 10n ** BigInt(w.scale + places);
  const denominator = w.digits * 10n ** BigInt(p.scale);
  const quotient = numerator / denominator;
  const rounded = (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
  const text = rounded.toString().padStart(places + 1, '0');
  const out = places > 0 ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
  return p.negative !== w.negative && rounded !== 0n ? `-${out}` : out;
}

/**
 * The capital a guarantee fund would have to receive to be back within its leverage limit:
 * exposure ÷ limit − available capital, rounded UP to the céntimo (a céntimo less would leave it
 * above the limit); "0.00" when it is within the limit already, null when an input is not a decimal
 * or the limit is not above zero. Exact: BigInt céntimos, never floats.
 */
export function capitalToRestoreLimit(exposure, leverageLimit, availableCapital) {
  const exposureCents = toCents(exposure);
  const capitalCents = toCents(availableCapital);
  const limit = parseDecimal(leverageLimit);
  if (exposureCents === null || capitalCents === null || !limit || limit.negative) return null;
  if (limit.digits === 0n) return null;
  // exposure ÷ (digits ÷ 10^scale) − capital = (exposure × 10^scale − capital × digits) ÷ digits.
  const numerator = exposureCents * 10n ** BigInt(limit.scale) - capitalCents * limit.digits;
  if (numerator <= 0n) return '0.00';
  return centsToString((numerator + limit.digits - 1n) / limit.digits);
}

/**
 * A rate typed as a percentage ("25", "2,5", "33.3333 %") as the API's decimal rate ("0.25",
 * "0.025", "0.333333"): from 0 to 100 with at most 4 decimals, else null.
 */
export function rateFromPercentInput(raw) {
  const text = String(raw ?? '')
    .replace(/%/g, '')
    .replace(/\s+/g, '')
    .replace(/^(\d+),(\d+)$/, '$1.$2');
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  const digits = BigInt(match[1] + fraction);
  if (digits > 100n * 10n ** BigInt(fraction.length)) return null;
  // Moving the point two places left: a scale two larger.
  const scale = fraction.length + 2;
  const padded = digits.toString().padStart(scale + 1, '0');
  const rate = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return rate.replace(/\.?0+$/, '') || '0';
}

/** An API rate ("0.25", "1.00", "0.333333") as the percentage a person types ("25", "100", "33.3333"). */
export function rateToPercentInput(rate) {
  const d = parseDecimal(rate);
  if (!d || d.negative) return '';
  // × 100: the point two places right ("1" has no places to move: 1 × 100).
  const scale = Math.max(0, d.scale - 2);
  const digits = d.digits * 10n ** BigInt(Math.max(0, 2 - d.scale));
  const padded = digits.toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${padded.slice(0, -scale)}.${padded.slice(-scale)}` : padded;
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Whole calendar months from a month ("2026-01") to a date ("2026-05-11" → 4); null if unreadable. */
export function monthsBetween(month, isoDate) {
  const from = /^(\d{4})-(\d{2})/.exec(String(month ?? ''));
  const to = /^(\d{4})-(\d{2})/.exec(String(isoDate ?? ''));
  if (!from || !to) return null;
  return +to[1] * 12 + +to[2] - (+from[1] * 12 + +from[2]);
}

/** A month as the API writes it ("2026-01") in words: "enero de 2026" / "January 2026". */
export function monthYear(value) {
  const match = /^(\d{4})-(\d{2})$/.exec(String(value ?? ''));
  if (!match) return value ? String(value) : t('common.none');
  try {
    return new Intl.DateTimeFormat(getLocale(), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(+match[1], +match[2] - 1, 1)));
  } catch {
    return String(value);
  }
}
