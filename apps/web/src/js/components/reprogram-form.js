// Reprogramming one loan (a fund manager, after a frost, a drought, a flood or unrest): the reason,
// a note the family will read, the months the term grows by and the months of interest only; then
// the new schedule as the server would make it (a preview that changes nothing); then "are you
// sure?" in a dialog; then the reprogramming. Changing a field after the preview drops the preview,
// so what is confirmed is always what was seen.
import { api } from '../api.js';
import { date, money } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, facts, scrollTable } from '../ui.js';
import { confirmAction } from './confirm-dialog.js';

/** Why a loan is reprogrammed (API.md, "Reprogramming"), in the order the form offers them. */
export const REPROGRAMMING_REASONS = ['climate_event', 'social_unrest', 'health', 'other'];
/** The most months a reprogramming adds to the term (API.md: 1–6). */
const MAX_EXTENSION_MONTHS = 6;

/** Whether this person may reprogram this loan: a fund manager, an active loan (the server checks the rest). */
export function canReprogram(role, loan) {
  return role === 'fund_manager' && loan?.status === 'active';
}

/** "1 mes", "3 meses". */
export function monthsLabel(n) {
  return Number(n) === 1 ? t('reprogram.oneMonth') : t('reprogram.nMonths', { n });
}

/** Grace months as words: "Sin gracia", "2 meses". */
export function graceLabel(n) {
  return Number(n) === 0 ? t('reprogram.noGrace') : monthsLabel(n);
}

/** "Durante los primeros 2 meses solo se paga interés." or "No hay meses de gracia." */
export function graceSentence(n) {
  const grace = Number(n) || 0;
  if (grace === 0) return t('reprogram.confirmNoGrace');
  return t('reprogram.confirmGrace', {
    grace: grace === 1 ? t('reprogram.firstMonth') : t('reprogram.firstMonths', { n: grace }),
  });
}

/** Installment numbers as short runs: [2, 3, 4, 7] → "2–4, 7". */
export function numberRuns(numbers) {
  const sorted = [...(numbers ?? [])].map(Number).sort((a, b) => a - b);
  const runs = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

/**
 * The terms every reprogramming has — reason, extension and grace — as form fields (the emergency
 * form uses them too). Grace offers 0 up to the chosen extension. `read()` gives the body's part,
 * `check()` marks what is missing and returns the first bad field (or null).
 */
export function reprogrammingTermsFields() {
  const reason = field({
    label: t('reprogram.reason'),
    name: 'reason',
    required: true,
    options: [
      ['', t('reprogram.chooseReason')],
      ...REPROGRAMMING_REASONS.map((code) => [code, t(`reprogram.reasons.${code}`)]),
    ],
  });
  const extension = field({
    label: t('reprogram.extension'),
    name: 'extensionMonths',
    required: true,
    hint: t('reprogram.extensionHint'),
    options: [
      ['', t('reprogram.chooseExtension')],
      ...Array.from({ length: MAX_EXTENSION_MONTHS }, (_, i) => [
        String(i + 1),
        monthsLabel(i + 1),
      ]),
    ],
  });
  const grace = field({
    label: t('reprogram.grace'),
    name: 'graceMonths',
    required: true,
    hint: t('reprogram.graceHint'),
    value: '0',
    options: [['0', graceLabel(0)]],
  });
  const graceOptions = () => {
    const most = Number(extension.input.value) || 0;
    const keep = Math.min(Number(grace.input.value) || 0, most);
    mount(
      grace.input,
      Array.from({ length: most + 1 }, (_, n) =>
        h('option', { value: String(n), selected: n === keep }, graceLabel(n)),
      ),
    );
  };
  extension.input.addEventListener('change', graceOptions);

  return {
    els: [reason.el, extension.el, grace.el],
    fields: [reason, extension, grace],
    read: () => ({
      reason: reason.input.value,
      extensionMonths: Number(extension.input.value),
      graceMonths: Number(grace.input.value),
    }),
    check() {
      const terms = this.read();
      reason.setError(
        REPROGRAMMING_REASONS.includes(terms.reason) ? null : t('reprogram.needReason'),
      );
      const extensionOk =
        Number.isInteger(terms.extensionMonths) &&
        terms.extensionMonths >= 1 &&
        terms.extensionMonths <= MAX_EXTENSION_MONTHS;
      extension.setError(extensionOk ? null : t('reprogram.needExtension'));
      grace.setError(
        !extensionOk || (terms.graceMonths >= 0 && terms.graceMonths <= terms.extensionMonths)
          ? null
          : t('reprogram.badGrace'),
      );
      return [reason, extension, grace].find((f) => f.input.getAttribute('aria-invalid')) ?? null;
    },
  };
}

/**
 * The "Reprogramar" card of a loan's page: a button that opens the form, the preview, the
 * confirmation. `onDone(loan)` gets the loan as the reprogramming left it.
 *
 * @param {any} loan
 * @param {{ onDone: (loan: any) => void }} options
 */
export function reprogramCard(loan, { onDone }) {
  const body = h('div', {});
  const open = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      onClick: () => {
        mount(body, reprogramForm(loan, { onDone, onCancel: close }));
        body.querySelector('select')?.focus();
      },
    },
    t('reprogram.open'),
  );
  const close = () => {
    mount(body, open);
    open.focus();
  };
  mount(body, open);
  return card(t('reprogram.title'), h('p', { class: 'muted' }, t('reprogram.intro')), body);
}

function reprogramForm(loan, { onDone, onCancel }) {
  const terms = reprogrammingTermsFields();
  const note = field({
    label: t('reprogram.note'),
    name: 'note',
    textarea: true,
    required: true,
    maxlength: '2000',
    hint: t('reprogram.noteHint'),
  });
  const feedback = h('div', {});
  const previewPanel = h('div', { class: 'reprogram-preview', 'aria-live': 'polite' });
  const previewButton = submitButton(t('reprogram.preview'));
  const previewing = idempotentSubmitter(previewButton, t('reprogram.previewing'));
  const form = h(
    'form',
    { class: 'form reprogram-form', novalidate: true },
    terms.els[0],
    note.el,
    terms.els[1],
    terms.els[2],
    feedback,
    h(
      'div',
      { class: 'form__actions' },
      previewButton,
      h(
        'button',
        { type: 'button', class: 'btn btn--ghost', onClick: onCancel },
        t('common.cancel'),
      ),
    ),
  );
  // What is confirmed must be what was previewed: any change drops the preview.
  const dropPreview = () => mount(previewPanel);
  form.addEventListener('input', dropPreview);
  form.addEventListener('change', dropPreview);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    dropPreview();
    const firstBad = terms.check();
    const text = note.input.value.trim();
    note.setError(text ? null : t('reprogram.needNote'));
    if (firstBad) return firstBad.input.focus();
    if (!text) return note.input.focus();
    const sent = { ...terms.read(), note: text };
    try {
      const preview = await previewing.run(() =>
        api(`/loans/${encodeURIComponent(loan.id)}/reprogramming/preview`, {
          method: 'POST',
          body: sent,
        }),
      );
      if (!preview) return;
      mount(
        previewPanel,
        previewOf(preview, {
          onApply: (submitter, applyFeedback) =>
            apply(loan, sent, preview, submitter, applyFeedback, onDone),
          onEdit: () => {
            dropPreview();
            terms.fields[0].input.focus();
          },
        }),
      );
      previewPanel.querySelector('h3')?.focus();
    } catch (error) {
      mount(feedback, errorBanner(error));
    }
  });
  return h('div', {}, form, previewPanel);
}

/** The new schedule the server would make, its figures, and the way on: confirm, or change the terms. */
function previewOf(preview, { onApply, onEdit }) {
  const applyButton = h(
    'button',
    { type: 'button', class: 'btn btn--primary' },
    t('reprogram.apply'),
  );
  const applyFeedback = h('div', {});
  // One Idempotency-Key per preview shown: a lost answer retried cannot reprogram twice.
  const applying = idempotentSubmitter(applyButton, t('reprogram.submitting'));
  applyButton.addEventListener('click', () => onApply(applying, applyFeedback));
  const next = preview.nextInstallment;
  return h(
    'section',
    { class: 'reprogram-preview__body', 'aria-labelledby': 'reprogram-preview-title' },
    h('h3', { id: 'reprogram-preview-title', tabindex: '-1' }, t('reprogram.previewTitle')),
    h('p', { class: 'muted' }, t('reprogram.previewIntro')),
    facts([
      [t('reprogram.businessDate'), date(preview.businessDate)],
      [t('reprogram.outstanding'), money(preview.outstandingPrincipal)],
      [
        t('reprogram.deferred'),
        `${money(preview.deferredInterest)} (${t('reprogram.deferredMoratory')} ${money(preview.deferredMoratoryInterest)})`,
      ],
      [
        t('reprogram.replaced'),
        t('reprogram.replacedList', { list: numberRuns(preview.replacedInstallments) }),
      ],
      [
        t('reprogram.term'),
        t('reprogram.termChange', {
          before: preview.termMonthsBefore,
          after: preview.termMonthsAfter,
        }),
      ],
      next
        ? [
            t('reprogram.next'),
            t('reprogram.nextValue', {
              n: next.number,
              amount: money(next.amountDue),
              date: date(next.dueDate, 'long'),
            }),
          ]
        : null,
    ]),
    scrollTable(
      t('reprogram.scheduleCaption'),
      [
        t('loan.number'),
        t('loan.dueDate'),
        t('loan.principal'),
        t('loan.interest'),
        t('reprogram.deferredPart'),
        t('loan.installment'),
      ],
      (preview.schedule ?? []).map((line) => [
        String(line.number),
        date(line.dueDate),
        money(line.principal),
        money(line.interest),
        money(line.deferredInterest),
        money(line.installment),
      ]),
      { numeric: [2, 3, 4, 5], nowrap: true },
    ),
    applyFeedback,
    h(
      'div',
      { class: 'form__actions' },
      applyButton,
      h(
        'button',
        { type: 'button', class: 'btn btn--ghost', onClick: onEdit },
        t('reprogram.edit'),
      ),
    ),
  );
}

/** "Are you sure?", saying what will happen, then the reprogramming itself (one Idempotency-Key). */
async function apply(loan, sent, preview, submitter, feedback, onDone) {
  mount(feedback);
  const next = preview.nextInstallment;
  const sure = await confirmAction({
    title: t('reprogram.confirmTitle', {
      ref: preview.reference ?? loan.reference ?? '',
      name: loan.enterprise?.name ?? '',
    }),
    body: [
      t('reprogram.confirmEffect', {
        replaced: (preview.replacedInstallments ?? []).length,
        count: (preview.schedule ?? []).length,
        before: preview.termMonthsBefore,
        after: preview.termMonthsAfter,
      }),
      graceSentence(sent.graceMonths),
      next
        ? t('reprogram.confirmNext', {
            amount: money(next.amountDue),
            date: date(next.dueDate, 'long'),
          })
        : null,
      t('reprogram.confirmClass', {
        class: tOr(`classification.${loan.classification}`, loan.classification ?? ''),
      }),
      h('p', {}, h('strong', {}, t('reprogram.note')), ': ', sent.note),
    ].filter(Boolean),
    confirmLabel: t('reprogram.confirm'),
  });
  if (!sure) return;
  try {
    const updated = await submitter.run((key) =>
      api(`/loans/${encodeURIComponent(loan.id)}/reprogramming`, {
        method: 'POST',
        body: sent,
        idempotencyKey: key,
      }),
    );
    if (updated) onDone(updated);
  } catch (error) {
    mount(feedback, errorBanner(error));
  }
}
