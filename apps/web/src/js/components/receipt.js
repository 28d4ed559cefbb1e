// A repayment's receipt for the family, printed on one A4 or Letter page: who paid, for which loan,
// when, how much and how it was applied, the principal left after it, who recorded it. Always in
// Spanish, the family's language, whatever the language of the officer's screen.
import { addMoney, compareMoney, date, dateTime, money, subtractMoney } from '../format.js';
import { inLang, t } from '../i18n.js';
import { h } from '../render.js';
import { printButton } from './print-sheet.js';

/**
 * @typedef {{ moratoryInterest?: string, interest?: string, principal?: string,
 *   prepayment?: string }} Allocation
 * @typedef {{ id?: string, externalRef: string, amount: string, paidOn: string,
 *   allocated: Allocation, recordedBy?: string | null, recordedAt?: string | null,
 *   reversal?: unknown }} Repayment
 * @typedef {{ amount: string, exact: boolean, asOf?: string | null }} Balance
 *   `exact`: the outstanding principal right after this repayment; otherwise the loan's current
 *   one, labelled as such.
 */

/** What a repayment took off the principal: its principal and its prepayment. */
function principalPaid(repayment) {
  return addMoney(repayment.allocated?.principal ?? '0', repayment.allocated?.prepayment ?? '0');
}

/**
 * The outstanding principal right after `repayment`, when the loan's figures give it exactly:
 * the principal less what the standing repayments up to it took off the principal — provided that
 * the same sum over every standing repayment is the loan's outstanding principal now (nothing else
 * moved it: no write-off, nothing this screen does not know about). Otherwise the current balance,
 * marked as not exact. Null for a reversed repayment (it has no balance after it).
 *
 * @param {any} loan the loan as GET /api/loans/{id} returns it
 * @param {Repayment[]} items its repayments, oldest first
 * @param {Repayment} repayment one of them
 * @returns {Balance | null}
 */
export function balanceAfter(loan, items, repayment) {
  if (repayment.reversal) return null;
  const current = { amount: loan.outstandingPrincipal, exact: false, asOf: loan.asOf ?? null };
  const standing = items.filter((r) => !r.reversal);
  const index = standing.indexOf(repayment);
  if (index < 0 || loan.status === 'written_off') return current;
  const left = (list) =>
    list.reduce((balance, r) => subtractMoney(balance, principalPaid(r)), loan.principal);
  if (compareMoney(left(standing), loan.outstandingPrincipal) !== 0) return current;
  return { amount: left(standing.slice(0, index + 1)), exact: true };
}

/**
 * The printable receipt (the class `print-sheet`: printed alone, see print-sheet.js).
 *
 * @param {{ loan: any, repayment: Repayment, balance: Balance }} receipt
 * @returns {HTMLElement}
 */
export function receiptSheet({ loan, repayment, balance }) {
  return inLang('es', () => {
    const a = repayment.allocated ?? {};
    const lines = [
      ['receipt.moratoryInterest', a.moratoryInterest],
      ['receipt.interest', a.interest],
      ['receipt.principal', a.principal],
      ['receipt.prepayment', a.prepayment],
    ];
    const total = addMoney(...lines.map(([, value]) => value ?? '0'));
    return h(
      'article',
      { class: 'print-sheet receipt', lang: 'es', 'aria-label': t('receipt.title') },
      h(
        'header',
        { class: 'receipt__head' },
        h(
          'div',
          {},
          h('p', { class: 'receipt__brand' }, `${t('app.name')} · ${t('receipt.title')}`),
          h('p', { class: 'receipt__org' }, t('receipt.organisation')),
        ),
        h(
          'p',
          { class: 'receipt__number' },
          h('span', {}, t('receipt.number')),
          ' ',
          h('strong', { class: 'mono' }, repayment.externalRef),
        ),
      ),
      h(
        'dl',
        { class: 'receipt__facts' },
        fact(t('receipt.family'), loan.enterprise?.name ?? t('common.none')),
        fact(t('receipt.loan'), h('span', { class: 'mono' }, loan.reference ?? loan.id)),
        fact(t('receipt.paidOn'), date(repayment.paidOn, 'long')),
        fact(
          t('receipt.amount'),
          h('strong', { class: 'receipt__amount' }, money(repayment.amount)),
        ),
      ),
      h(
        'table',
        { class: 'receipt__allocation' },
        h('caption', {}, t('receipt.allocation')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('receipt.concept')),
            h('th', { scope: 'col', class: 'num' }, t('receipt.applied')),
          ),
        ),
        h(
          'tbody',
          {},
          lines.map(([key, value]) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, t(key)),
              h('td', { class: 'num' }, money(value ?? '0.00')),
            ),
          ),
        ),
        h(
          'tfoot',
          {},
          h(
            'tr',
            { class: 'total' },
            h('th', { scope: 'row' }, t('receipt.total')),
            h('td', { class: 'num' }, money(total)),
          ),
        ),
      ),
      h(
        'p',
        { class: 'receipt__balance' },
        h(
          'span',
          {},
          balance.exact
            ? t('receipt.balanceAfter')
            : balance.asOf
              ? t('receipt.balanceAsOf', { date: date(balance.asOf, 'long') })
              : t('receipt.balanceNow'),
        ),
        ' ',
        h('strong', {}, money(balance.amount)),
      ),
      balance.exact ? null : h('p', { class: 'receipt__note' }, t('receipt.balanceNote')),
      h(
        'p',
        { class: 'receipt__recorded' },
        t('receipt.recordedBy', {
          by: repayment.recordedBy ?? t('common.none'),
          at: repayment.recordedAt ? dateTime(repayment.recordedAt) : date(repayment.paidOn),
        }),
      ),
      h(
        'div',
        { class: 'receipt__signatures' },
        h('p', { class: 'receipt__signature' }, t('receipt.signatureStaff')),
        h('p', { class: 'receipt__signature' }, t('receipt.signatureFamily')),
      ),
      h(
        'p',
        { class: 'receipt__foot' },
        t('receipt.keep'),
        ' ',
        t('receipt.printedAt', { at: dateTime(new Date().toISOString()) }),
      ),
    );
  });
}

function fact(label, value) {
  return h('div', { class: 'receipt__fact' }, h('dt', {}, label), h('dd', {}, value));
}

/**
 * The button that prints a repayment's receipt (in the screen's language; the receipt in Spanish).
 *
 * @param {string} label
 * @param {() => { loan: any, repayment: Repayment, balance: Balance }} receipt what to print,
 *   read when the button is pressed
 * @param {string} [accessibleName] a longer name for screen readers ("Imprimir el recibo RCPT-1")
 */
export function receiptButton(label, receipt, accessibleName) {
  const button = printButton(label, () => receiptSheet(receipt()));
  button.classList.add('btn--small');
  if (accessibleName) button.setAttribute('aria-label', accessibleName);
  return button;
}
