// Any staff member changes their own password: the current one, then the new one twice.
import { api, ApiError, saveSession } from '../api.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, notice, pageTitle } from '../ui.js';
import { newPasswordField, PASSWORD_MIN, passwordProblem } from './users.js';

export function render(root, ctx) {
  const current = field({
    label: t('password.current'),
    name: 'currentPassword',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const next = newPasswordField(t('password.new'), 'newPassword');
  const repeat = field({
    label: t('password.repeat'),
    name: 'repeatPassword',
    type: 'password',
    required: true,
    autocomplete: 'new-password',
  });
  const feedback = h('div', { 'aria-live': 'polite' });
  const button = submitButton(t('password.submit'));
  const submitter = idempotentSubmitter(button, t('common.saving'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    current.el,
    next.el,
    repeat.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const body = { currentPassword: current.input.value, newPassword: next.input.value };
    current.setError(body.currentPassword ? null : t('login.needPassword'));
    next.setError(passwordProblem(body.newPassword));
    repeat.setError(repeat.input.value === body.newPassword ? null : t('password.mismatch'));
    const firstBad = [current, next, repeat].find((f) => f.input.getAttribute('aria-invalid'));
    if (firstBad) return firstBad.input.focus();
    try {
      const result = await submitter.run((key) =>
        // A 401 here is a wrong current password, not an ended session.
        api('/auth/password', { method: 'POST', body, idempotencyKey: key, sessionCheck: false }),
      );
      if (result === undefined) return;
      submitter.renewKey();
      // If the server hands out a fresh token (the old ones may stop working), keep it.
      if (result?.accessToken) saveSession({ ...ctx.session, token: result.accessToken });
      form.reset();
      mount(feedback, notice('success', h('p', {}, t('password.done'))));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        current.setError(t('password.wrongCurrent'));
        current.input.focus();
      } else mount(feedback, errorBanner(error));
    }
  });

  mount(
    root,
    pageTitle(t('password.title')),
    card(null, h('p', { class: 'muted' }, t('password.intro', { n: PASSWORD_MIN })), form),
  );
}
