// The web app's money, percentage and date formatting, in both languages. The module is a browser
// ES module; the only browser object it touches through i18n is `document.documentElement.lang`.
(globalThis as { document?: unknown }).document = { documentElement: {} };

/* eslint-disable @typescript-eslint/no-require-imports */
const format = require('./format.js') as Record<string, (...args: unknown[]) => string | number>;
const { setLang } = require('./i18n.js') as { setLang: (lang: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

const NBSP = '\u00a0';

describe('money on screen', () => {
  afterEach(() => setLang('es'));

  it('shows soles with a comma for thousands and a point for céntimos, in both languages', () => {
    setLang('es');
    expect(format.money('12500.00')).toBe(`S/${NBSP}12,500.00`);
    setLang('en');
    expect(format.money('12500.00')).toBe(`S/${NBSP}12,500.00`);
    expect(format.money('1234567.5')).toBe(`S/${NBSP}1,234,567.50`);
    expect(format.money('-63.00')).toBe(`−S/${NBSP}63.00`);
  });

  it('never turns an amount into a float: sums and differences are exact to the céntimo', () => {
    // 0.10 + 0.20 = 0.30 exactly (a float would give 0.30000000000000004).
    expect(format.addMoney('0.10', '0.20')).toBe('0.30');
    // A loan of 6,000.00 less a fee of 63.00 plus a grant of 3,000.00: 6000 − 63 + 3000 = 8937.00.
    expect(format.addMoney(format.subtractMoney('6000.00', '63.00'), '3000.00')).toBe('8937.00');
    // 9,007,199,254,740.99 is past a double's exact integers in céntimos (2^53 ≈ 9.007e15).
    expect(format.addMoney('9007199254740.99', '0.01')).toBe('9007199254741.00');
    expect(format.compareMoney('400.5', '400.50')).toBe(0);
    expect(format.compareMoney('399.99', '400.00')).toBe(-1);
  });

  it('shows what is not an amount as it came, and nothing as a dash', () => {
    expect(format.money('abc')).toBe('abc');
    expect(format.money(null)).toBe(format.money(undefined));
  });
});

describe('amounts typed by a person', () => {
  it.each([
    ['1500', '1500.00'],
    ['1,500', '1500.00'],
    ['1 500', '1500.00'],
    ['S/ 1,500.50', '1500.50'],
    ['400,5', '400.50'], // a phone keyboard with only a decimal comma
    ['007', '7.00'],
    ['1,234,567.89', '1234567.89'],
  ])('reads %p as %p', (typed, api) => {
    expect(format.normalizeMoneyInput(typed)).toBe(api);
  });

  it.each(['', 'doce', '1.234.5', '12.345', '-50', '1e3'])('refuses %p', (typed) => {
    expect(format.normalizeMoneyInput(typed)).toBeNull();
  });
});

describe('rates', () => {
  afterEach(() => setLang('es'));

  it('moves the decimal point, rounds half up, and spaces the sign as each language does', () => {
    setLang('es');
    expect(format.percent('0.0412')).toBe('4.12 %');
    expect(format.percent('0.18')).toBe('18 %');
    expect(format.percent('0.00125')).toBe('0.13 %'); // 0.125 % rounds half up to 0.13 %
    setLang('en');
    expect(format.percent('0.70')).toBe('70%');
    expect(format.decimal('3.456')).toBe('3.46');
  });
});

describe('dates', () => {
  afterEach(() => setLang('es'));

  it('shows a calendar date without shifting it by the time zone', () => {
    setLang('en');
    expect(format.date('2026-04-02')).toBe('2 Apr 2026');
    setLang('es');
    expect(format.date('2026-04-02')).toMatch(/^2 abr\.? 2026$/);
  });

  it("shows a moment in Lima's time (UTC−5), where the programme runs", () => {
    setLang('en');
    // 15:40 UTC is 10:40 in Lima.
    expect(format.dateTime('2026-12-02T15:40:00Z')).toBe('2 Dec 2026, 10:40');
  });

  it('adds days across a month and a leap day', () => {
    expect(format.addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(format.addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(format.addDays('not a date', 1)).toBe('');
  });
});

describe("the guarantee fund's figures", () => {
  it('divides two decimals exactly, half up, to the places asked', () => {
    // 2970.00 ÷ 3100.00 = 0.958064…; 3500.00 ÷ 9700.00 = 0.360824…; 2 ÷ 3 = 0.6666… → 0.6667.
    expect(format.ratio('2970.00', '3100.00')).toBe('0.9581');
    expect(format.ratio('3500.00', '9700.00')).toBe('0.3608');
    expect(format.ratio('2', '3')).toBe('0.6667');
    expect(format.ratio('1', '8', 2)).toBe('0.13'); // 0.125 rounds half up
    expect(format.ratio('3100.00', '3100.00')).toBe('1.0000');
    expect(format.ratio('5', '0.00')).toBeNull();
    expect(format.ratio('abc', '1')).toBeNull();
  });

  it('gives the capital that brings a fund back to its limit, rounded up to the céntimo', () => {
    // 4016.03 ÷ 4 − 641.00 = 363.0075 → 363.01 (363.00 would leave the fund above its limit).
    expect(format.capitalToRestoreLimit('4016.03', '4.00', '641.00')).toBe('363.01');
    // 1000.00 ÷ 3 − 100.00 = 233.333… → 233.34.
    expect(format.capitalToRestoreLimit('1000.00', '3', '100.00')).toBe('233.34');
    // A capital below zero must be made up first: 1685.00 ÷ 4 + 1690.00 = 2111.25.
    expect(format.capitalToRestoreLimit('1685.00', '4.00', '-1690.00')).toBe('2111.25');
    // An exact quotient is not rounded further: 2000.00 ÷ 4 − 400.00 = 100.00.
    expect(format.capitalToRestoreLimit('2000.00', '4', '400.00')).toBe('100.00');
    // Within the limit (exactly at it, or below): nothing to add.
    expect(format.capitalToRestoreLimit('2000.00', '4.00', '500.00')).toBe('0.00');
    expect(format.capitalToRestoreLimit('100.00', '4.00', '500.00')).toBe('0.00');
    // 2.5 as the limit: 1000.01 ÷ 2.5 − 400.00 = 0.004 → 0.01.
    expect(format.capitalToRestoreLimit('1000.01', '2.5', '400.00')).toBe('0.01');
    expect(format.capitalToRestoreLimit('1000.00', '0', '1.00')).toBeNull();
    expect(format.capitalToRestoreLimit('x', '4', '1.00')).toBeNull();
  });

  it.each([
    ['25', '0.25'],
    ['1', '0.01'],
    ['100', '1'],
    ['100.0', '1'],
    ['0', '0'],
    ['2,5', '0.025'],
    ['33.3333', '0.333333'],
    ['60 %', '0.6'],
  ])('reads the percentage %p as the rate %p', (typed, rate) => {
    expect(format.rateFromPercentInput(typed)).toBe(rate);
  });

  it.each(['', '100.01', '101', '-5', '1e2', '0.12345', 'mucho', '1.2.3'])(
    'refuses the percentage %p',
    (typed) => {
      expect(format.rateFromPercentInput(typed)).toBeNull();
    },
  );

  it('shows a rate as the percentage a person types', () => {
    expect(format.rateToPercentInput('0.01')).toBe('1');
    expect(format.rateToPercentInput('1.00')).toBe('100');
    expect(format.rateToPercentInput('1')).toBe('100');
    expect(format.rateToPercentInput('0')).toBe('0');
    expect(format.rateToPercentInput('0.333333')).toBe('33.3333');
    expect(format.rateToPercentInput('0.5')).toBe('50');
    expect(format.rateToPercentInput('abc')).toBe('');
  });

  it('counts whole months from a vintage to a date', () => {
    expect(format.monthsBetween('2026-01', '2026-05-11')).toBe(4);
    expect(format.monthsBetween('2025-11', '2026-02-01')).toBe(3);
    expect(format.monthsBetween('2026-05', '2026-05-31')).toBe(0);
    expect(format.monthsBetween('', '2026-05-31')).toBeNull();
  });
});

describe('months', () => {
  afterEach(() => setLang('es'));

  it('names a vintage month in words in each language', () => {
    setLang('es');
    expect(format.monthYear('2026-01')).toBe('enero de 2026');
    setLang('en');
    expect(format.monthYear('2026-12')).toBe('December 2026');
    expect(format.monthYear('2026')).toBe('2026');
  });
});
