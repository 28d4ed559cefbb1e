// What the officer typed in the new-application form, as plain values (what a draft keeps on the
// device), and the API's body built from them with the fields to fix. Kept apart from the screen so
// a draft can be sent again without its form, and so the rules can be tested without a browser.
import { normalizeMoneyInput } from '../format.js';
import { t } from '../i18n.js';

/**
 * The form's values, field by field, as typed (strings) and ticked (booleans).
 *
 * @typedef {{
 *   name: string, documentId: string, municipality: string, valueChain: string,
 *   womenLed: boolean, associationMember: boolean, yearsInActivity: string,
 *   amount: string, termMonths: string, graceMonths: string, purpose: string,
 *   collateralValue: string, hasInnovation: boolean, description: string, cost: string,
 *   grantRequested: string, monthlyRevenue: string, monthlyCosts: string,
 *   householdExpenses: string, otherDebtPayments: string
 * }} ApplicationValues
 */

/** What an empty form holds (some fields start with a sensible value). */
/** @type {ApplicationValues} */
export const EMPTY_VALUES = Object.freeze({
  name: '',
  documentId: '',
  municipality: '',
  valueChain: '',
  womenLed: false,
  associationMember: false,
  yearsInActivity: '',
  amount: '',
  termMonths: '',
  graceMonths: '0',
  purpose: '',
  collateralValue: '0.00',
  hasInnovation: true,
  description: '',
  cost: '',
  grantRequested: '0.00',
  monthlyRevenue: '',
  monthlyCosts: '',
  householdExpenses: '',
  otherDebtPayments: '0.00',
});

/** The text fields in the order of the form (problems are listed in this order). */
export const FIELD_ORDER = [
  'name',
  'documentId',
  'municipality',
  'valueChain',
  'yearsInActivity',
  'amount',
  'termMonths',
  'graceMonths',
  'purpose',
  'collateralValue',
  'description',
  'cost',
  'grantRequested',
  'monthlyRevenue',
  'monthlyCosts',
  'householdExpenses',
  'otherDebtPayments',
];

/**
 * Values read back from storage: every known field, with the empty form's value where one is
 * missing or of the wrong type (a draft saved by an older version of the app).
 *
 * @param {unknown} raw
 * @returns {ApplicationValues}
 */
export function completeValues(raw) {
  const source = raw && typeof raw === 'object' ? raw : {};
  /** @type {any} */
  const out = {};
  for (const [key, empty] of Object.entries(EMPTY_VALUES)) {
    const value = source[key];
    out[key] = typeof value === typeof empty ? value : empty;
  }
  return out;
}

/**
 * Whether nothing was typed yet (the form as it opened): such a form is no draft worth keeping.
 *
 * @param {ApplicationValues} values
 */
export function isBlank(values) {
  return Object.entries(EMPTY_VALUES).every(([key, empty]) => {
    const value = values[key];
    return typeof value === 'string' ? value.trim() === String(empty).trim() : value === empty;
  });
}

/**
 * The API body, exactly as API.md describes it, from the typed values, and the fields to fix (each
 * `[field, message]`, in the order of the form). The server stays the authority on product limits.
 *
 * @param {ApplicationValues} values
 * @returns {{ body: any, problems: [string, string][] }}
 */
export function bodyFromValues(values) {
  /** @type {[string, string][]} */
  const problems = [];
  const text = (name, max) => {
    const value = String(values[name] ?? '').trim();
    if (!value) problems.push([name, t('newApp.bad.required')]);
    else if (value.length > max) problems.push([name, t('newApp.bad.tooLong', { n: max })]);
    return value;
  };
  const amount = (name) => {
    const raw = String(values[name] ?? '');
    const value = normalizeMoneyInput(raw);
    if (value === null)
      problems.push([name, raw.trim() ? t('newApp.bad.money') : t('newApp.bad.required')]);
    return value;
  };
  const integer = (name, min, max) => {
    const raw = String(values[name] ?? '').trim();
    const value = Number(raw);
    if (!raw || !/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
      problems.push([name, raw ? t('newApp.bad.integer') : t('newApp.bad.required')]);
      return null;
    }
    if (value < min || value > max) problems.push([name, t('newApp.bad.range', { min, max })]);
    return value;
  };

  const documentId = String(values.documentId ?? '').replace(/\s+/g, '');
  if (!/^(\d{8}|\d{11})$/.test(documentId)) problems.push(['documentId', t('newApp.bad.document')]);
  const enterprise = {
    name: text('name', 120),
    documentId,
    municipality: text('municipality', 120),
    valueChain: String(values.valueChain ?? ''),
    womenLed: values.womenLed === true,
    associationMember: values.associationMember === true,
    yearsInActivity: integer('yearsInActivity', 0, 80),
  };
  if (!enterprise.valueChain) problems.push(['valueChain', t('newApp.bad.required')]);
  /** @type {any} */
  const request = {
    amount: amount('amount'),
    termMonths: integer('termMonths', 1, 600),
    graceMonths: integer('graceMonths', 0, 600),
    purpose: text('purpose', 2000),
    collateralValue: amount('collateralValue'),
  };
  if (
    Number.isInteger(request.termMonths) &&
    Number.isInteger(request.graceMonths) &&
    request.graceMonths >= request.termMonths
  ) {
    problems.push(['graceMonths', t('newApp.bad.graceTerm')]);
  }
  if (values.hasInnovation !== false) {
    request.innovation = {
      description: text('description', 2000),
      cost: amount('cost'),
      grantRequested: amount('grantRequested'),
    };
  }
  const cashflow = {
    monthlyRevenue: amount('monthlyRevenue'),
    monthlyCosts: amount('monthlyCosts'),
    householdExpenses: amount('householdExpenses'),
    otherDebtPayments: amount('otherDebtPayments'),
  };
  problems.sort((a, b) => FIELD_ORDER.indexOf(a[0]) - FIELD_ORDER.indexOf(b[0]));
  return { body: { enterprise, request, cashflow }, problems };
}
