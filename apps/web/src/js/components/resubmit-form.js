// The officer's form for an application waiting for information: send it back for scoring, with
// what the family answered (POST /api/applications/{id}/resubmit).
import { api } from '../api.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, notice } from '../ui.js';

export function canResubmit(role, application) {
  return role === 'loan_officer' && application.status === 'info_requested';
}

/**
 * @param {object} application
 * @param {{ onDone: (application, message) => void }} options
 */
export function resubmitForm(application, { onDone }) {
  const note = field({
    label: t('resubmit.note'),
    name: 'note',
    textarea: true,
    maxlength: '2000',
    optional: true,
  });
  const feedback = h('div', { 'aria-live': 'polite' });
  const button = submitButton(t('resubmit.submit'));
  const submitter = idempotentSubmitter(button, t('resubmit.submitting'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    note.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = note.input.value.trim();
    try {
      const updated = await submitter.run((key) =>
        api(`/applications/${application.id}/resubmit`, {
          method: 'POST',
          body: text ? { note: text } : {},
          idempotencyKey: key,
        }),
      );
      if (updated)
        onDone(
          updated,
          notice('success', h('p', {}, t('resubmit.done', { ref: application.reference }))),
        );
    } catch (error) {
      mount(feedback, errorBanner(error));
    }
  });

  return h(
    'section',
    { class: 'card card--accent' },
    h('h2', { class: 'card__title' }, t('resubmit.title')),
    h('p', {}, t('resubmit.intro')),
    form,
  );
}
