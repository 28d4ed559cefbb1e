// The hoja resumen of a loan (SBS transparency rules): what the family borrowed and what it truly
// costs — the amount, the TEA, the TCEA, the guarantee fee, the grant, the net amount received — and
// the schedule, on one A4 or Letter page an officer hands over. Always in Spanish, the family's
// language, whatever the language of the screen it is printed from.
import {
  addMoney,
  compareMoney,
  date,
  dateTime,
  money,
  percent,
  subtractMoney,
} from '../format.js';
import { inLang, t } from '../i18n.js';
import { h } from '../render.js';
import { printButton } from './print-sheet.js';
import { isRescheduled } from './schedule.js';

/**
 * What the family received at the payout: the server's figure when it gives one (`payout`), else
 * principal − guarantee fee + grant, in exact céntimos.
 *
 * @param {{ principal: string, guaranteeFee: string, grant?: string | null,
 *   payout?: string | null }} loan
 * @returns {string}
 */
export function amountReceived({ principal, guaranteeFee, grant, payout }) {
  return payout ?? addMoney(subtractMoney(principal, guaranteeFee), grant ?? '0');
}

/**
 * The installments the sheet lists: every one in force, and of those a reprogramming replaced only
 * the ones that kept a payment (the rest are 0.00 lines of a schedule that no longer applies), so
 * the principal column still adds up to the loan's principal.
 */
function linesOnPaper(loan) {
  return (loan.schedule ?? []).filter(
    (line) => !isRescheduled(line) || compareMoney(line.installment, '0') > 0,
  );
}

/**
 * The printable sheet (class `print-sheet`: printed alone, see print-sheet.js).
 *
 * @param {any} loan the loan as GET /api/loans/{id} returns it
 * @returns {HTMLElement}
 */
export function summarySheet(loan) {
  return inLang('es', () => {
    const grant = loan.grant ?? '0.00';
    const withGrant = compareMoney(grant, '0') > 0;
    const lines = linesOnPaper(loan);
    const total = (key) => addMoney(...lines.map((line) => line[key] ?? '0'));
    const lastReprogramming = (loan.reprogrammings ?? []).at(-1);
    const row = (label, value, strong = false) =>
      h(
        'tr',
        { class: strong ? 'summary-sheet__key' : null },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'num' }, value),
      );
    return h(
      'article',
      { class: 'print-sheet summary-sheet', lang: 'es', 'aria-label': t('summary.title') },
      h(
        'header',
        { class: 'summary-sheet__head' },
        h('p', { class: 'summary-sheet__brand' }, `${t('app.name')} · ${t('summary.title')}`),
        h('p', { class: 'summary-sheet__org' }, t('receipt.organisation')),
      ),
      h(
        'dl',
        { class: 'summary-sheet__facts' },
        fact(t('summary.family'), loan.enterprise?.name ?? t('common.none')),
        fact(t('summary.loan'), h('span', { class: 'mono' }, loan.reference ?? loan.id)),
        fact(t('summary.disbursedOn'), date(loan.disbursedOn, 'long')),
        fact(t('summary.term'), t('common.months', { n: loan.termMonths })),
      ),
      h(
        'table',
        { class: 'summary-sheet__costs' },
        h(
          'tbody',
          {},
          row(t('summary.amount'), money(loan.principal), true),
          row(t('summary.tea'), percent(loan.tea)),
          row(t('summary.tcea'), percent(loan.tcea), true),
          loan.moratoryTea ? row(t('summary.moratoryTea'), percent(loan.moratoryTea)) : null,
          row(t('summary.fee'), money(loan.guaranteeFee)),
          withGrant ? row(t('summary.grant'), money(grant)) : null,
          row(
            t('summary.received'),
            h(
              'span',
              {},
              h('strong', {}, money(amountReceived(loan))),
              h(
                'span',
                { class: 'summary-sheet__sum' },
                t(withGrant ? 'summary.receivedSum' : 'summary.receivedSumNoGrant', {
                  amount: money(loan.principal),
                  fee: money(loan.guaranteeFee),
                  grant: money(grant),
                }),
              ),
            ),
            true,
          ),
        ),
      ),
      h('p', { class: 'summary-sheet__note' }, t('summary.tceaNote')),
      lastReprogramming
        ? h(
            'p',
            { class: 'summary-sheet__note' },
            t('summary.reprogrammed', { date: date(lastReprogramming.on, 'long') }),
          )
        : null,
      h(
        'table',
        { class: 'summary-sheet__schedule' },
        h('caption', {}, t('summary.scheduleTitle')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('summary.number')),
            h('th', { scope: 'col' }, t('summary.dueDate')),
            h('th', { scope: 'col', class: 'num' }, t('summary.principal')),
            h('th', { scope: 'col', class: 'num' }, t('summary.interest')),
            h('th', { scope: 'col', class: 'num' }, t('summary.installment')),
          ),
        ),
        h(
          'tbody',
          {},
          lines.map((line) =>
            h(
              'tr',
              {},
              h('td', {}, String(line.number)),
              h('td', {}, date(line.dueDate)),
              h('td', { class: 'num' }, money(line.principal)),
              h('td', { class: 'num' }, money(line.interest)),
              h('td', { class: 'num' }, money(line.installment)),
            ),
          ),
        ),
        h(
          'tfoot',
          {},
          h(
            'tr',
            { class: 'total' },
            h('th', { scope: 'row', colspan: '2' }, t('summary.total')),
            h('td', { class: 'num' }, money(total('principal'))),
            h('td', { class: 'num' }, money(total('interest'))),
            h('td', { class: 'num' }, money(total('installment'))),
          ),
        ),
      ),
      h(
        'div',
        { class: 'summary-sheet__signatures' },
        h('p', { class: 'summary-sheet__signature' }, t('summary.signatureStaff')),
        h('p', { class: 'summary-sheet__signature' }, t('summary.signatureFamily')),
      ),
      h(
        'p',
        { class: 'summary-sheet__foot' },
        t('summary.keep'),
        ' ',
        t('receipt.printedAt', { at: dateTime(new Date().toISOString()) }),
      ),
    );
  });
}

function fact(label, value) {
  return h('div', { class: 'summary-sheet__fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** "Hoja resumen": prints the loan's sheet as it is when the button is pressed. */
export function summaryButton(loan) {
  const button = printButton(t('summary.button'), () => summarySheet(loan));
  button.classList.add('btn--small');
  return button;
}
