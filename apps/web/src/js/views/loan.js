// One loan for staff: its terms and true cost (TEA and TCEA), balance, schedule, the form to record a
// repayment, and its repayments (a fund manager may reverse the latest one, with a reason); its
// reprogrammings, and for a fund manager the way to reprogram it; the printable hoja resumen.
import { api } from '../api.js';
import { date, money, normalizeMoneyInput, percent, todayInLima } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { balanceAfter, receiptButton } from '../components/receipt.js';
import { repaymentsCard } from '../components/repayments.js';
import {
  canReprogram,
  graceLabel,
  monthsLabel,
  numberRuns,
  reprogramCard,
} from '../components/reprogram-form.js';
import { staffSchedule } from '../components/schedule.js';
import { summaryButton } from '../components/summary-sheet.js';
import {
  card,
  classificationBadge,
  errorBanner,
  facts,
  loading,
  loanStatusBadge,
  notice,
  pageTitle,
  scrollTable,
} from '../ui.js';
import { loanLabel } from './loans.js';

const CAN_REPAY = ['loan_officer', 'admin'];
// Who hands the family its hoja resumen.
const CAN_PRINT_SUMMARY = ['loan_officer', 'fund_manager'];

export async function render(root, ctx) {
  const body = h('div', {}, loading());
  mount(root, h('p', { class: 'back' }, h('a', { href: '#/loans' }, '← ', t('common.back'))), body);
  try {
    const loan = await api(`/loans/${encodeURIComponent(ctx.params.id)}`);
    if (!ctx.isCurrent()) return;
    draw(body, loan, ctx, null);
    body.querySelector('h1')?.focus();
  } catch (error) {
    mount(
      body,
      pageTitle(t('loan.title')),
      errorBanner(error, { onRetry: () => render(root, ctx) }),
    );
  }
}

/**
 * @param {HTMLElement} body
 * @param {any} loan
 * @param {any} ctx
 * @param {Node | null} flashNode
 * @param {{ onLoaded?: (items: any[]) => void }} [repaymentsOptions]
 */
function draw(body, loan, ctx, flashNode, { onLoaded } = {}) {
  const closed = loan.status === 'repaid' || loan.status === 'written_off';
  const dpd = Number(loan.daysPastDue) || 0;
  mount(
    body,
    pageTitle(
      loanLabel(loan),
      h(
        'p',
        {},
        loanStatusBadge(loan.status),
        ' ',
        classificationBadge(loan.classification),
        loan.reprogrammed
          ? [' ', h('span', { class: 'badge badge--reprogrammed' }, t('reprogram.badge'))]
          : null,
      ),
      CAN_PRINT_SUMMARY.includes(ctx.session.role)
        ? h('p', { class: 'page-head__actions' }, summaryButton(loan))
        : null,
    ),
    flashNode,
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        { class: 'grid__main' },
        card(
          null,
          h(
            'div',
            { class: 'kpis' },
            kpi(t('loans.outstanding'), money(loan.outstandingPrincipal)),
            kpi(t('loans.dpd'), String(dpd), dpd > 0 ? 'warn' : null),
          ),
          facts([
            loan.reference ? [t('list.reference'), loan.reference] : null,
            [t('loans.principal'), money(loan.principal)],
            [t('loan.tea'), percent(loan.tea)],
            loan.tcea ? [t('cost.tcea'), percent(loan.tcea)] : null,
            [t('loan.term'), t('common.months', { n: loan.termMonths })],
            [t('loans.disbursedOn'), date(loan.disbursedOn)],
            [t('loan.coverage'), percent(loan.coverage)],
            [t('loan.guaranteeFee'), money(loan.guaranteeFee)],
            [t('loan.grant'), money(loan.grant)],
            // Fields some loan services add to API.md's shape; shown when present.
            loan.moratoryInterestDue !== undefined
              ? [t('loan.moratoryDue'), money(loan.moratoryInterestDue)]
              : null,
            loan.nextInstallment
              ? [
                  t('loan.nextDue'),
                  `${money(loan.nextInstallment.amountDue)} · ${date(loan.nextInstallment.dueDate)}`,
                ]
              : null,
            loan.asOf ? [t('loan.asOf'), date(loan.asOf)] : null,
          ]),
          loan.applicationId
            ? h(
                'p',
                {},
                h('a', { href: `#/applications/${loan.applicationId}` }, t('loan.application')),
              )
            : null,
        ),
      ),
      h(
        'div',
        { class: 'grid__side' },
        CAN_REPAY.includes(ctx.session.role)
          ? closed
            ? card(t('loan.repayTitle'), notice('info', h('p', {}, t('loan.closed'))))
            : repaymentForm(loan, (result, sent) => afterRepayment(body, loan, result, sent, ctx))
          : null,
      ),
    ),
    canReprogram(ctx.session.role, loan)
      ? reprogramCard(loan, {
          onDone: (updated) => afterReprogramming(body, loan, updated, ctx),
        })
      : null,
    (loan.reprogrammings ?? []).length ? reprogrammingsCard(loan.reprogrammings) : null,
    // The schedule gets the full width: seven columns do not fit in half a screen.
    card(t('loan.schedule'), staffSchedule(loan)),
    repaymentsCard(loan, ctx.session, {
      onReversed: (result, doneNotice) => afterReversal(body, loan, result, ctx, doneNotice),
      onLoaded,
    }).el,
  );
}

/** Who reprogrammed the loan, when, why, by how much, and the class it keeps; oldest first. */
function reprogrammingsCard(reprogrammings) {
  return card(
    t('reprogram.history'),
    scrollTable(
      t('reprogram.history'),
      [
        t('reprogram.on'),
        t('reprogram.reason'),
        t('reprogram.note'),
        t('reprogram.extensionCol'),
        t('reprogram.graceCol'),
        t('reprogram.by'),
        t('reprogram.classKept'),
        t('reprogram.replacedCol'),
      ],
      reprogrammings.map((r) => [
        date(r.on),
        tOr(`reprogram.reasons.${r.reason}`, t('reprogram.reasons.other')),
        r.note ?? '',
        monthsLabel(r.extensionMonths),
        graceLabel(r.graceMonths),
        r.by ?? t('common.none'),
        classificationBadge(r.classificationKept),
        r.replacedInstallments?.length ? numberRuns(r.replacedInstallments) : t('common.none'),
      ]),
    ),
  );
}

/** The loan as the reprogramming left it, with its confirmation on top. */
async function afterReprogramming(body, previous, updated, ctx) {
  let loan = updated;
  if (!loan?.schedule) loan = await api(`/loans/${previous.id}`).catch(() => loan ?? previous);
  draw(body, { ...previous, ...loan }, ctx, notice('success', h('p', {}, t('reprogram.done'))));
  body.querySelector('.banner')?.scrollIntoView({ block: 'nearest' });
}

/** The loan as it is again after a reversal, with the reversal's confirmation on top. */
async function afterReversal(body, previous, result, ctx, doneNotice) {
  let loan = result?.loan;
  if (!loan?.schedule) loan = await api(`/loans/${previous.id}`).catch(() => loan ?? previous);
  draw(body, { ...previous, ...loan }, ctx, doneNotice);
  body.querySelector('.banner')?.scrollIntoView({ block: 'nearest' });
}

/**
 * Draws the loan as it is after the repayment (from the answer, or read again if it came without
 * its schedule), with how the repayment was applied and the family's receipt on top.
 */
async function afterRepayment(body, previous, result, sent, ctx) {
  let loan = result?.loan;
  if (!loan?.schedule) loan = await api(`/loans/${previous.id}`).catch(() => loan ?? previous);
  const current = { ...previous, ...loan };
  // Until the list of repayments arrives, the receipt is made of what was sent and the answer:
  // the balance after it is the loan's in the answer. The list then gives who recorded it and when.
  let receipt = {
    loan: current,
    repayment: {
      id: result?.id,
      ...sent,
      allocated: result?.allocated ?? {},
      recordedBy: ctx.session.name ?? null,
      recordedAt: null,
    },
    balance: { amount: loan?.outstandingPrincipal ?? current.outstandingPrincipal, exact: true },
  };
  const onLoaded = (items) => {
    const recorded = items.find((r) => r.id === result?.id);
    const balance = recorded && balanceAfter(current, items, recorded);
    if (recorded && balance) receipt = { loan: current, repayment: recorded, balance };
  };
  draw(
    body,
    current,
    ctx,
    allocationNotice(result, () => receipt),
    { onLoaded },
  );
  body.querySelector('.banner')?.scrollIntoView({ block: 'nearest' });
}

function kpi(label, value, tone = null) {
  return h(
    'div',
    { class: ['kpi', tone && `kpi--${tone}`] },
    h('p', { class: 'kpi__label' }, label),
    h('p', { class: 'kpi__value' }, value),
  );
}

function allocationNotice(result, receipt) {
  const a = result?.allocated ?? {};
  return notice(
    'success',
    h('p', { class: 'banner__lead' }, t('loan.allocated')),
    facts([
      [t('loan.moratoryInterest'), money(a.moratoryInterest)],
      [t('loan.interest'), money(a.interest)],
      [t('loan.principal'), money(a.principal)],
      [t('loan.prepayment'), money(a.prepayment)],
      result?.loan?.outstandingPrincipal
        ? [t('loan.balanceAfter'), money(result.loan.outstandingPrincipal)]
        : null,
    ]),
    h('p', { class: 'banner__actions' }, receiptButton(t('repayments.printReceipt'), receipt)),
  );
}

function repaymentForm(loan, onDone) {
  const amount = field({ label: t('loan.amount'), name: 'amount', kind: 'money', required: true });
  const paidOn = field({
    label: t('loan.paidOn'),
    name: 'paidOn',
    type: 'date',
    required: true,
    value: todayInLima(),
  });
  const externalRef = field({
    label: t('loan.externalRef'),
    name: 'externalRef',
    required: true,
    maxlength: '120',
    autocomplete: 'off',
    hint: t('loan.externalRefHint'),
  });
  const feedback = h('div', {});
  const button = submitButton(t('loan.submit'));
  const submitter = idempotentSubmitter(button, t('loan.submitting'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    amount.el,
    paidOn.el,
    externalRef.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  // The business date, not the phone's clock, is "today" for the loan; use it when we may read it.
  api('/admin/business-date')
    .then((r) => {
      if (r?.businessDate && !form.dataset.touched) paidOn.input.value = r.businessDate;
    })
    .catch(() => {});
  paidOn.input.addEventListener('input', () => (form.dataset.touched = '1'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const body = {
      amount: normalizeMoneyInput(amount.input.value),
      paidOn: paidOn.input.value,
      externalRef: externalRef.input.value.trim(),
    };
    amount.setError(body.amount ? null : t('newApp.bad.money'));
    paidOn.setError(/^\d{4}-\d{2}-\d{2}$/.test(body.paidOn) ? null : t('newApp.bad.required'));
    externalRef.setError(body.externalRef ? null : t('newApp.bad.required'));
    const firstBad = [amount, paidOn, externalRef].find((f) =>
      f.input.getAttribute('aria-invalid'),
    );
    if (firstBad) return firstBad.input.focus();
    try {
      const result = await submitter.run((key) =>
        api(`/loans/${loan.id}/repayments`, { method: 'POST', body, idempotencyKey: key }),
      );
      if (result) onDone(result, body);
    } catch (error) {
      mount(feedback, errorBanner(error, { sentences: { 409: 'loan.repaymentConflict' } }));
    }
  });
  return card(t('loan.repayTitle'), form);
}
