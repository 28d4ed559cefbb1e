// A loan's repayments (oldest first), with how each was applied, who recorded it and, when it was
// reversed, who reversed it, when and why, and the family's receipt of each standing one. A fund
// manager may reverse the latest repayment that is not reversed yet (the server allows it only on
// the business date it was recorded): the person gives a reason, then confirms in a dialog.
import { api } from '../api.js';
import { compareMoney, date, dateTime, money } from '../format.js';
import { field, idempotentSubmitter } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, exportButton, loading, notice, scrollTable } from '../ui.js';
import { confirmAction } from './confirm-dialog.js';
import { balanceAfter, receiptButton } from './receipt.js';

const CAN_REVERSE = ['fund_manager'];

/** What a repayment paid, in words: only the parts that are not zero. */
function allocationText(allocated = {}) {
  const parts = [
    ['moratoryInterest', 'loan.moratoryInterest'],
    ['interest', 'loan.interest'],
    ['principal', 'loan.principal'],
    ['prepayment', 'repayments.prepayment'],
  ]
    .filter(([key]) => allocated[key] !== undefined && compareMoney(allocated[key], '0') !== 0)
    .map(([key, label]) => `${t(label)} ${money(allocated[key])}`);
  return parts.length ? parts.join(' · ') : t('common.none');
}

/**
 * The repayments card of a loan. `onReversed(result)` gets the reversal's answer
 * ({ repayment, loan }) so the page can show the loan as it is again; `onLoaded(items)` the
 * repayments once they are read (the page prints the receipt of the one just recorded from them).
 *
 * @param {any} loan
 * @param {{ role: string }} session
 * @param {{ onReversed?: (result: any, done: Node) => void, onLoaded?: (items: any[]) => void }} options
 */
export function repaymentsCard(loan, session, { onReversed, onLoaded }) {
  const body = h('div', {}, loading());
  const panel = h('div', {});
  const card = h(
    'section',
    { class: 'card', 'aria-labelledby': `repayments-${loan.id}` },
    h(
      'div',
      { class: 'card__head' },
      h('h2', { class: 'card__title', id: `repayments-${loan.id}` }, t('repayments.title')),
      exportButton(`/loans/${loan.id}/repayments`, {}, t('repayments.csvName')),
    ),
    body,
    panel,
  );

  const load = async (flashNode = null) => {
    mount(body, loading());
    try {
      const result = await api(`/loans/${encodeURIComponent(loan.id)}/repayments`);
      const items = Array.isArray(result) ? result : (result?.items ?? []);
      draw(items, flashNode);
      onLoaded?.(items);
    } catch (error) {
      mount(body, errorBanner(error, { onRetry: () => load() }));
    }
  };

  const draw = (items, flashNode) => {
    if (items.length === 0) {
      mount(body, flashNode, notice('info', h('p', {}, t('repayments.none'))));
      return;
    }
    // Only the latest repayment that stands may be reversed (the server checks the date too).
    const latest = [...items].reverse().find((r) => !r.reversal);
    const mayReverse =
      CAN_REVERSE.includes(session.role) && loan.status !== 'written_off' && latest;
    mount(
      body,
      flashNode,
      scrollTable(
        t('repayments.tableCaption'),
        [
          t('repayments.paidOn'),
          t('repayments.externalRef'),
          t('repayments.amount'),
          t('repayments.allocated'),
          t('repayments.recorded'),
          t('repayments.state'),
          t('repayments.receiptCol'),
          mayReverse ? t('repayments.action') : null,
        ].filter((label) => label !== null),
        items.map((r) => ({
          className: r.reversal ? 'is-reversed' : null,
          cells: [
            date(r.paidOn),
            h('span', { class: 'mono' }, r.externalRef),
            money(r.amount),
            allocationText(r.allocated),
            h(
              'span',
              {},
              r.recordedBy ?? t('common.none'),
              h('br'),
              h('span', { class: 'muted small' }, dateTime(r.recordedAt)),
            ),
            r.reversal
              ? h(
                  'span',
                  { class: 'reversal' },
                  h('span', { class: 'badge badge--reversed' }, t('repayments.reversed')),
                  ' ',
                  h(
                    'span',
                    { class: 'small' },
                    t('repayments.reversedBy', {
                      by: r.reversal.by ?? t('common.none'),
                      at: dateTime(r.reversal.at),
                    }),
                  ),
                  h('span', { class: 'reversal__reason' }, `“${r.reversal.reason}”`),
                )
              : h('span', { class: 'badge badge--standing' }, t('repayments.standing')),
            // A reversed repayment gets no receipt: the family paid nothing by it.
            r.reversal
              ? ''
              : receiptButton(
                  t('repayments.print'),
                  () => ({ loan, repayment: r, balance: balanceAfter(loan, items, r) }),
                  t('repayments.printReceiptOf', { ref: r.externalRef }),
                ),
            mayReverse
              ? r === latest
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'btn btn--small btn--danger',
                      onClick: () => openReversal(r),
                    },
                    t('repayments.reverse'),
                  )
                : ''
              : null,
          ].filter((cell) => cell !== null),
        })),
        { numeric: [2], stack: true },
      ),
    );
  };

  const openReversal = (repayment) => {
    mount(
      panel,
      reversalPanel(loan, repayment, {
        onCancel: () => mount(panel),
        onDone: async (result) => {
          mount(panel);
          const done = notice(
            'success',
            h(
              'p',
              {},
              t('repayments.reversedDone', {
                ref: repayment.externalRef,
                amount: money(repayment.amount),
              }),
            ),
          );
          onReversed?.(result, done);
        },
      }),
    );
    panel.querySelector('h3')?.focus();
  };

  load();
  return { el: card, reload: load };
}

/** Step one: why (a reason is required); step two: are you sure (a dialog), then the reversal. */
function reversalPanel(loan, repayment, { onCancel, onDone }) {
  const root = h('div', { class: 'reversal-panel', role: 'region' });
  const title = h(
    'h3',
    { tabindex: '-1' },
    t('repayments.reverseTitle', {
      ref: repayment.externalRef,
      amount: money(repayment.amount),
      date: date(repayment.paidOn),
    }),
  );
  root.setAttribute('aria-label', title.textContent);
  const reason = field({
    label: t('repayments.reason'),
    name: 'reason',
    textarea: true,
    required: true,
    maxlength: '500',
    hint: t('repayments.reasonHint'),
  });

  const askReason = () => {
    const next = h('button', { type: 'submit', class: 'btn btn--primary' }, t('repayments.next'));
    const submitter = idempotentSubmitter(next, t('repayments.reversing'));
    const feedback = h('div', {});
    const form = h(
      'form',
      { class: 'form', novalidate: true },
      reason.el,
      feedback,
      h(
        'div',
        { class: 'form__actions' },
        next,
        h(
          'button',
          { type: 'button', class: 'btn btn--ghost', onClick: onCancel },
          t('common.cancel'),
        ),
      ),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      mount(feedback);
      const text = reason.input.value.trim();
      reason.setError(text ? null : t('repayments.needReason'));
      if (!text) return reason.input.focus();
      const sure = await confirmAction({
        title: t('repayments.confirmTitle', {
          ref: repayment.externalRef,
          amount: money(repayment.amount),
          date: date(repayment.paidOn),
        }),
        body: [
          t('repayments.confirmEffect'),
          h('p', {}, h('strong', {}, t('repayments.reason')), ': ', text),
        ],
        confirmLabel: t('repayments.confirm'),
        danger: true,
      });
      if (!sure) return;
      try {
        const result = await submitter.run((key) =>
          api(
            `/loans/${encodeURIComponent(loan.id)}/repayments/${encodeURIComponent(repayment.id)}/reversal`,
            { method: 'POST', body: { reason: text }, idempotencyKey: key },
          ),
        );
        if (result) onDone(result);
      } catch (error) {
        mount(feedback, errorBanner(error, { sentences: { 409: 'repayments.cannotReverse' } }));
      }
    });
    mount(root, title, form);
  };

  askReason();
  return root;
}
