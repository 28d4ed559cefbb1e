// Sign-in: families with their application code and PIN, staff with username and password. After a
// refusal it says how many attempts are left before the lock, and once locked, when to come back;
// after signing in it returns to the screen that was asked for (`next`), if the role may see it.
import { api, ApiError, nameFromToken, saveSession } from '../api.js';
import { field, submitButton } from '../forms.js';
import { getLocale, t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, notice, pageTitle } from '../ui.js';
import { savedCopyLink, showSavedCopy } from './family.js';

/** How long a lock lasts (API.md: 15 minutes), for the sentence said with the last attempt. */
const LOCK_MINUTES = 15;

/**
 * What a family may type for its code: "ql-7k4m2p", "7K4M2P", "QL 7K4M 2P" all mean QL-7K4M2P.
 * Codes are read aloud and copied from paper, so be forgiving about case, spaces and the prefix.
 *
 * @param {unknown} raw
 * @returns {string}
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

/**
 * The PIN as typed from the slip: "410 056", "410-056" and "410056" are the same PIN. Spaces of
 * any width and hyphens are dropped; what is left is the PIN (six digits when it is well typed).
 *
 * @param {unknown} raw
 * @returns {string}
 */
export function normalizePin(raw) {
  return String(raw ?? '').replace(/[\s\u2010-\u2015-]+/g, '');
}

/**
 * A moment as this device's clock shows it, hours and minutes ("10:42").
 *
 * @param {Date} moment
 * @returns {string}
 */
export function clockTime(moment) {
  try {
    return new Intl.DateTimeFormat(getLocale(), {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(moment);
  } catch {
    return moment.toTimeString().slice(0, 5);
  }
}

/**
 * When a locked sign-in may be tried again: the answer's `retryAt`, else its Retry-After from now.
 *
 * @param {ApiError} error a 429
 * @returns {Date | null}
 */
function retryMoment(error) {
  const at = Date.parse(error.body?.retryAt ?? '');
  if (Number.isFinite(at)) return new Date(at);
  if (error.retryAfter) return new Date(Date.now() + error.retryAfter * 1000);
  return null;
}

/**
 * The sentences of a refused sign-in: what was wrong, and what is left before the lock.
 *
 * @param {ApiError} error a 401
 * @param {string} badKey the form's sentence for wrong credentials
 * @returns {string[]}
 */
function refusalSentences(error, badKey) {
  const left = error.body?.attemptsLeft;
  if (!Number.isInteger(left) || left < 0) return [t(badKey)];
  if (left === 0) {
    const until = new Date(Date.now() + LOCK_MINUTES * 60 * 1000);
    return [t(badKey), t('login.lockedNow', { minutes: LOCK_MINUTES, time: clockTime(until) })];
  }
  return [
    t(badKey),
    left === 1
      ? t('login.attemptLeft', { minutes: LOCK_MINUTES })
      : t('login.attemptsLeft', { n: left, minutes: LOCK_MINUTES }),
  ];
}

/**
 * The sign-in screen's own address with a tab and the screen to return to kept.
 *
 * @param {boolean} asStaff
 * @param {string | undefined} next
 * @returns {string}
 */
function loginHref(asStaff, next) {
  const query = new URLSearchParams();
  if (asStaff) query.set('as', 'staff');
  if (next) query.set('next', next);
  const search = query.toString();
  return `#/login${search ? `?${search}` : ''}`;
}

export function render(root, ctx) {
  const asStaff = ctx.query.as === 'staff';
  const next = typeof ctx.query.next === 'string' ? ctx.query.next : undefined;
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
      {
        href: loginHref(false, next),
        class: 'segmented__option',
        'aria-current': asStaff ? null : 'page',
      },
      t('login.familyTab'),
    ),
    h(
      'a',
      {
        href: loginHref(true, next),
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
      asStaff ? staffForm(feedback, ctx) : familyForm(feedback, ctx, root),
    ),
  );
}

function familyForm(feedback, ctx, root) {
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
  // The PIN is printed in two groups ("410 056"): typed as it is read, spaces and all, so the
  // field must not stop at six characters.
  const pin = field({
    label: t('login.pin'),
    name: 'pin',
    type: 'password',
    hint: t('login.pinHint'),
    required: true,
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '16',
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
  // No signal: the family's page as this phone last saved it, for the reference typed.
  const copyLink = savedCopyLink({
    input: reference.input,
    reference: () => normalizeReference(reference.input.value),
    onOpen: (ref) => showSavedCopy(root, ref, ctx),
  });
  form.append(copyLink.el);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ref = normalizeReference(reference.input.value);
    const code = normalizePin(pin.input.value);
    reference.setError(ref ? null : t('login.needReference'));
    pin.setError(/^\d{6}$/.test(code) ? null : t('login.needPin'));
    if (!ref) return reference.input.focus();
    if (!/^\d{6}$/.test(code)) return pin.input.focus();
    reference.input.value = ref;
    const failure = await signIn(
      button,
      feedback,
      ctx,
      '/auth/enterprise',
      { reference: ref, pin: code },
      ref,
      'login.badFamily',
    );
    if (failure?.status === 0) copyLink.networkDown();
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

async function signIn(button, feedback, ctx, path, body, typedName, badKey) {
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
      name:
        (typeof result.displayName === 'string' && result.displayName.trim()) ||
        nameFromToken(result.accessToken) ||
        typedName,
    });
    const target = ctx.afterSignIn(result.role, ctx.query.next);
    ctx.go(target.path, target.query);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      const [lead, ...more] = refusalSentences(error, badKey);
      mount(
        feedback,
        notice(
          'error',
          h('p', { role: 'alert' }, lead),
          more.map((sentence) => h('p', { class: 'login__attempts' }, sentence)),
        ),
      );
    } else if (error instanceof ApiError && error.status === 429) {
      const until = retryMoment(error);
      mount(
        feedback,
        notice(
          'error',
          h(
            'p',
            { role: 'alert' },
            until ? t('login.lockedUntil', { time: clockTime(until) }) : t('login.tooMany'),
          ),
        ),
      );
    } else mount(feedback, errorBanner(error));
    return error;
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
