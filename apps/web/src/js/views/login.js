// Sign-in: families with their application code and PIN, staff with username and password.
import { api, ApiError, nameFromToken, saveSession } from '../api.js';
import { field, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, notice, pageTitle } from '../ui.js';

/**
 * What a family may type for its code: "ql-7k4m2p", "7K4M2P", "QL 7K4M 2P" all mean QL-7K4M2P.
 * Codes are read aloud and copied from paper, so be forgiving about case, spaces and the prefix.
 */
export function normalizeReference(raw) {
  const compact = String(raw ?? '')
    .toUpperCase()
    .replace(/[\s_–—-]+/g, '');
  if (/^[A-Z0-9]{6}$/.test(compact)) return `QL-${compact}`;
  if (/^QL[A-Z0-9]{6}$/.test(compact)) return `QL-${compact.slice(2)}`;
  return String(raw ?? '')
    .trim()
    .toUpperCase();
}

export function render(root, ctx) {
  const asStaff = ctx.query.as === 'staff';
  const flash = ctx.takeFlash();
  const feedback = h(
    'div',
    { 'aria-live': 'polite' },
    flash ? notice('info', h('p', {}, t(flash))) : null,
  );

  const tabs = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('login.title') },
    h(
      'a',
      { href: '#/login', class: 'segmented__option', 'aria-current': asStaff ? null : 'page' },
      t('login.familyTab'),
    ),
    h(
      'a',
      {
        href: '#/login?as=staff',
        class: 'segmented__option',
        'aria-current': asStaff ? 'page' : null,
      },
      t('login.staffTab'),
    ),
  );

  mount(
    root,
    h(
      'div',
      { class: 'login' },
      pageTitle(t('login.title')),
      tabs,
      feedback,
      asStaff ? staffForm(feedback, ctx) : familyForm(feedback, ctx),
    ),
  );
}

function familyForm(feedback, ctx) {
  const reference = field({
    label: t('login.reference'),
    name: 'reference',
    hint: t('login.referenceHint'),
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    class: 'input--large',
  });
  const pin = field({
    label: t('login.pin'),
    name: 'pin',
    type: 'password',
    required: true,
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '6',
    class: 'input--large input--pin',
  });
  const button = submitButton(t('login.submit'));
  const form = h(
    'form',
    { class: 'form form--family', novalidate: true },
    h('p', { class: 'lead' }, t('login.familyIntro')),
    reference.el,
    pin.el,
    h('div', { class: 'form__actions' }, button),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ref = normalizeReference(reference.input.value);
    const code = pin.input.value.replace(/\s+/g, '');
    reference.setError(ref ? null : t('login.needReference'));
    pin.setError(/^\d{6}$/.test(code) ? null : t('login.needPin'));
    if (!ref) return reference.input.focus();
    if (!/^\d{6}$/.test(code)) return pin.input.focus();
    reference.input.value = ref;
    await signIn(
      button,
      feedback,
      ctx,
      '/auth/enterprise',
      { reference: ref, pin: code },
      ref,
      'login.badFamily',
    );
  });
  return form;
}

function staffForm(feedback, ctx) {
  const username = field({
    label: t('login.username'),
    name: 'username',
    required: true,
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = field({
    label: t('login.password'),
    name: 'password',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const button = submitButton(t('login.submit'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', { class: 'lead' }, t('login.staffIntro')),
    username.el,
    password.el,
    h('div', { class: 'form__actions' }, button),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = username.input.value.trim();
    username.setError(user ? null : t('login.needUsername'));
    password.setError(password.input.value ? null : t('login.needPassword'));
    if (!user) return username.input.focus();
    if (!password.input.value) return password.input.focus();
    await signIn(
      button,
      feedback,
      ctx,
      '/auth/login',
      { username: user, password: password.input.value },
      user,
      'login.badStaff',
    );
  });
  return form;
}

async function signIn(button, feedback, ctx, path, body, displayName, badKey) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t('login.submitting');
  mount(feedback);
  try {
    // auth: false — a 401 here means wrong credentials, not an expired session.
    const result = await api(path, { method: 'POST', body, auth: false });
    saveSession({
      token: result.accessToken,
      role: result.role,
      name: nameFromToken(result.accessToken) ?? displayName,
    });
    ctx.go(ctx.home(result.role));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      mount(feedback, notice('error', h('p', { role: 'alert' }, t(badKey))));
    else if (error instanceof ApiError && error.status === 429)
      mount(feedback, notice('error', h('p', { role: 'alert' }, t('login.tooMany'))));
    else mount(feedback, errorBanner(error));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
