// The decision form: an officer's first decision (approve, possibly with another amount or term;
// reject; ask for information) or a fund manager's second approval (approve or reject).
import { api } from '../api.js';
import { money, normalizeMoneyInput } from '../format.js';
import { field, idempotentSubmitter, radios, submitButton } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, notice } from '../ui.js';
import { confirmAction } from './confirm-dialog.js';

/** Whether `role` has a decision to make on this application now. */
export function canDecide(role, application) {
  return (
    (role === 'loan_officer' && application.status === 'in_review') ||
    (role === 'fund_manager' && application.status === 'awaiting_second_approval')
  );
}

/**
 * @param application the application as the API returns it
 * @param {{ second: boolean, onDone: (application) => void }} options
 */
/**
 * @param {any} application
 * @param {{ second?: boolean, onDone: (updated: any, message?: Node) => void }} options
 */
export function decisionForm(application, { second, onDone }) {
  const choice = radios({
    legend: t('decide.decision'),
    name: `decision-${application.id}`,
    options: (second ? ['approve', 'reject'] : ['approve', 'reject', 'request_info']).map((d) => [
      d,
      t(`decide.${d}`),
    ]),
    // Nothing chosen beforehand: a decision is the officer's, never a default.
    value: null,
  });
  const choiceError = h('p', {
    class: 'field__error',
    id: `decision-${application.id}-error`,
    'aria-live': 'polite',
  });
  choice.el.append(choiceError);
  choice.el.setAttribute('aria-describedby', choiceError.id);
  choice.inputs.forEach((input) => (input.required = true));
  const amount = field({
    label: t('decide.amount'),
    name: 'amount',
    kind: 'money',
    optional: true,
    hint: t('decide.amountHint', { amount: money(application.request?.amount) }),
    placeholder: '',
  });
  const term = field({
    label: t('decide.term'),
    name: 'termMonths',
    type: 'number',
    inputmode: 'numeric',
    min: '1',
    optional: true,
    hint: t('decide.termHint', { n: application.request?.termMonths ?? '' }),
  });
  const reason = field({
    label: t('decide.reason'),
    name: 'reason',
    textarea: true,
    maxlength: '2000',
    hint: t('decide.reasonHintOptional'),
  });
  const reasonHint = reason.el.querySelector('.field__hint');
  const feedback = h('div', { 'aria-live': 'polite' });
  const button = submitButton(t('decide.submit'));
  const submitter = idempotentSubmitter(button, t('decide.submitting'));
  const approveOnly = h('div', { class: 'field-group' }, amount.el, term.el);

  // Amount and term only make sense for a first approval; the reason is required otherwise.
  function sync() {
    const approving = choice.value === 'approve';
    approveOnly.hidden = second || !approving;
    reason.input.required = choice.value !== null && !approving;
    reasonHint.textContent = t(
      approving ? 'decide.reasonHintOptional' : 'decide.reasonHintRequired',
    );
    if (choice.value) choiceError.textContent = '';
  }
  choice.inputs.forEach((input) => input.addEventListener('change', sync));
  sync();

  const form = h(
    'form',
    { class: 'form', novalidate: true },
    choice.el,
    approveOnly,
    reason.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    [amount, term, reason].forEach((f) => f.setError(null));
    choiceError.textContent = '';
    const decision = choice.value;
    if (!decision) {
      choiceError.textContent = t('decide.needDecision');
      choice.inputs[0].focus();
      return;
    }
    const body = { decision };
    const reasonText = reason.input.value.trim();
    const problems = []; // [field, message]
    if (reasonText) body.reason = reasonText;
    else if (decision !== 'approve') problems.push([reason, t('decide.needReason')]);
    if (decision === 'approve' && !second) {
      if (amount.input.value.trim()) {
        const normalized = normalizeMoneyInput(amount.input.value);
        if (normalized) body.amount = normalized;
        else problems.push([amount, t('newApp.bad.money')]);
      }
      if (term.input.value.trim()) {
        const months = Number(term.input.value);
        if (Number.isInteger(months) && months > 0) body.termMonths = months;
        else problems.push([term, t('newApp.bad.integer')]);
      }
    }
    if (problems.length) {
      problems.forEach(([f, message]) => f.setError(message));
      problems[0][0].input.focus();
      return;
    }
    if (!(await confirmAction(confirmationOf(application, body, second)))) return;
    try {
      const updated = await submitter.run((key) =>
        api(`/applications/${application.id}/decision`, {
          method: 'POST',
          body,
          idempotencyKey: key,
        }),
      );
      if (updated)
        onDone(
          updated,
          notice(
            'success',
            h(
              'p',
              {},
              t('decide.done', {
                ref: updated.reference ?? application.reference,
                status: tOr(`status.${updated.status}`, updated.status),
              }),
            ),
          ),
        );
    } catch (error) {
      mount(feedback, errorBanner(error));
    }
  });

  return h(
    'section',
    { class: 'card card--accent' },
    h('h2', { class: 'card__title' }, t(second ? 'decide.secondTitle' : 'decide.title')),
    second ? h('p', {}, t('decide.secondIntro')) : null,
    form,
  );
}

/**
 * What the confirmation says for a decision: the question with the amount, the term and the
 * family ("¿Aprobar S/ 12,500.00 a 18 meses para Familia Quispe Mamani?"), then what follows.
 *
 * @param {any} application
 * @param {{ decision: string, amount?: string, termMonths?: number, reason?: string }} body
 * @param {boolean} second
 */
function confirmationOf(application, body, second) {
  const request = application.request ?? {};
  const first = application.decision ?? {};
  // A second approval confirms what the officer approved; a first one what the form says.
  const amount = second ? (first.amount ?? request.amount) : (body.amount ?? request.amount);
  const months = second
    ? (first.termMonths ?? request.termMonths)
    : (body.termMonths ?? request.termMonths);
  const params = {
    amount: money(amount),
    n: months ?? '',
    name: application.enterprise?.name ?? application.reference ?? '',
    ref: application.reference ?? '',
  };
  const kind = { approve: 'Approve', reject: 'Reject', request_info: 'Info' }[body.decision];
  const key = `${second ? 'confirmSecond' : 'confirm'}${kind}`;
  return {
    title: t(`decide.${key}`, params),
    body: [
      t(`decide.${key}Body`, params),
      body.reason ? t('decide.confirmReason', { reason: body.reason }) : null,
    ].filter(Boolean),
    confirmLabel: t(`decide.yes${kind}`),
    danger: body.decision === 'reject',
  };
}
