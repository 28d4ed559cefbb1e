// Staff accounts (admin): who may sign in, with which role. Create an account (a password of 12+
// characters), change a role, deactivate or reactivate, reset a password. The server keeps at least
// one active admin: its 409 is shown as a sentence, not a code.
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, loading, notice, pageTitle, pagination, scrollTable } from '../ui.js';

export const STAFF_ROLES = ['loan_officer', 'fund_manager', 'admin'];
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
const USERNAME = /^[a-z0-9._-]{3,40}$/;
const PAGE_SIZE = 50;

/** A field for a new password, with the rule's limits and its hint. */
export function newPasswordField(label, name) {
  return field({
    label,
    name,
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    minlength: String(PASSWORD_MIN),
    maxlength: String(PASSWORD_MAX),
    hint: t('users.passwordHint', { n: PASSWORD_MIN }),
  });
}

/** The complaint about a new password, or null when it will do. */
export function passwordProblem(password) {
  if (password.length < PASSWORD_MIN) return t('users.passwordTooShort', { n: PASSWORD_MIN });
  if (password.length > PASSWORD_MAX) return t('users.passwordTooLong', { n: PASSWORD_MAX });
  return null;
}

export async function render(root, ctx) {
  const page = Math.max(1, Number.parseInt(ctx.query.page, 10) || 1);
  const feedback = h('div', { 'aria-live': 'polite' });
  const list = h('div', {}, loading());
  const reload = () => loadList(list, feedback, ctx, page);

  mount(
    root,
    pageTitle(t('users.title'), h('p', { class: 'muted' }, t('users.intro'))),
    feedback,
    // The list gets the full width (six columns); the form to add an account comes after it.
    card(t('users.listTitle'), list),
    h('div', { class: 'grid grid--two' }, createForm(feedback, reload)),
  );
  await reload();
}

async function loadList(list, feedback, ctx, page) {
  try {
    const result = await api('/users', { query: { page, pageSize: PAGE_SIZE } });
    if (!ctx.isCurrent()) return;
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    if (items.length === 0) return mount(list, notice('info', h('p', {}, t('common.empty'))));
    const reload = () => loadList(list, feedback, ctx, page);
    const resetBox = h('div', {});
    mount(
      list,
      scrollTable(
        t('users.listTitle'),
        [
          t('users.username'),
          t('users.displayName'),
          t('users.role'),
          t('users.state'),
          t('users.lastLogin'),
          t('users.actions'),
        ],
        items.map((user) => ({
          className: user.active ? null : 'is-inactive',
          cells: [
            h('span', { class: 'mono' }, user.username),
            user.displayName ?? '',
            roleSelect(user, feedback, reload),
            h(
              'span',
              { class: ['badge', user.active ? 'badge--standing' : 'badge--muted'] },
              t(user.active ? 'users.active' : 'users.inactive'),
            ),
            user.lastLoginAt ? dateTime(user.lastLoginAt) : t('users.never'),
            h(
              'span',
              { class: 'row-actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: ['btn', 'btn--small', user.active ? 'btn--ghost' : 'btn--primary'],
                  onClick: (event) =>
                    patchUser(user, { active: !user.active }, feedback, reload, event.target),
                },
                t(user.active ? 'users.deactivate' : 'users.reactivate'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--small btn--ghost',
                  onClick: () => {
                    mount(
                      resetBox,
                      resetForm(user, feedback, () => mount(resetBox)),
                    );
                    resetBox.querySelector('input')?.focus();
                  },
                },
                t('users.resetPassword'),
              ),
            ),
          ],
        })),
        { stack: true },
      ),
      resetBox,
      pagination(
        {
          page,
          pageSize: result?.pageSize ?? PAGE_SIZE,
          total: result?.total ?? items.length,
        },
        (p) => ctx.go('users', { page: p }),
      ),
    );
  } catch (error) {
    mount(list, errorBanner(error, { onRetry: () => loadList(list, feedback, ctx, page) }));
  }
}

function roleSelect(user, feedback, reload) {
  const select = h(
    'select',
    { 'aria-label': t('users.roleOf', { name: user.username }), class: 'select--small' },
    STAFF_ROLES.map((role) =>
      h('option', { value: role, selected: role === user.role }, t(`roles.${role}`)),
    ),
  );
  select.addEventListener('change', () => {
    const chosen = select.value;
    select.value = user.role; // shown as changed only once the server agrees
    patchUser(user, { role: chosen }, feedback, reload, select);
  });
  return select;
}

/** PATCH /users/{id}; a 409 there can only mean the last active admin. */
async function patchUser(user, change, feedback, reload, control) {
  mount(feedback);
  control.disabled = true;
  try {
    const updated = await api(`/users/${encodeURIComponent(user.id)}`, {
      method: 'PATCH',
      body: change,
    });
    const name = updated?.username ?? user.username;
    const message =
      change.role !== undefined
        ? t('users.roleChanged', { name, role: t(`roles.${updated?.role ?? change.role}`) })
        : t(change.active ? 'users.reactivated' : 'users.deactivated', { name });
    await reload(); // the list as it is now, then the word that it changed
    mount(feedback, notice('success', h('p', {}, message)));
  } catch (error) {
    mount(feedback, errorBanner(error, { sentences: { 409: 'users.lastAdmin' } }));
  } finally {
    control.disabled = false;
  }
}

function resetForm(user, feedback, onClose) {
  const password = newPasswordField(t('users.newPasswordFor', { name: user.username }), 'password');
  const button = submitButton(t('users.resetSubmit'));
  const submitter = idempotentSubmitter(button, t('common.saving'));
  const local = h('div', {});
  const form = h(
    'form',
    { class: 'form reset-form', novalidate: true },
    h('h3', {}, t('users.resetTitle', { name: user.username })),
    password.el,
    local,
    h(
      'div',
      { class: 'form__actions' },
      button,
      h(
        'button',
        { type: 'button', class: 'btn btn--ghost', onClick: onClose },
        t('common.cancel'),
      ),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(local);
    const problem = passwordProblem(password.input.value);
    password.setError(problem);
    if (problem) return password.input.focus();
    try {
      const result = await submitter.run((key) =>
        api(`/users/${encodeURIComponent(user.id)}/password`, {
          method: 'POST',
          body: { password: password.input.value },
          idempotencyKey: key,
        }),
      );
      if (result === undefined) return;
      onClose();
      mount(
        feedback,
        notice('success', h('p', {}, t('users.passwordReset', { name: user.username }))),
      );
    } catch (error) {
      mount(local, errorBanner(error));
    }
  });
  return form;
}

function createForm(feedback, reload) {
  const username = field({
    label: t('users.username'),
    name: 'username',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    maxlength: '40',
    hint: t('users.usernameHint'),
  });
  const displayName = field({
    label: t('users.displayName'),
    name: 'displayName',
    required: true,
    maxlength: '120',
    autocomplete: 'off',
  });
  const role = field({
    label: t('users.role'),
    name: 'role',
    value: 'loan_officer',
    options: STAFF_ROLES.map((r) => [r, t(`roles.${r}`)]),
  });
  const password = newPasswordField(t('users.password'), 'password');
  const local = h('div', {});
  const button = submitButton(t('users.create'));
  const submitter = idempotentSubmitter(button, t('common.saving'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    username.el,
    displayName.el,
    role.el,
    password.el,
    local,
    h('div', { class: 'form__actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(local);
    const body = {
      username: username.input.value.trim().toLowerCase(),
      displayName: displayName.input.value.trim(),
      role: role.input.value,
      password: password.input.value,
    };
    username.setError(USERNAME.test(body.username) ? null : t('users.usernameHint'));
    displayName.setError(body.displayName ? null : t('newApp.bad.required'));
    password.setError(passwordProblem(body.password));
    const firstBad = [username, displayName, password].find((f) =>
      f.input.getAttribute('aria-invalid'),
    );
    if (firstBad) return firstBad.input.focus();
    try {
      const created = await submitter.run((key) =>
        api('/users', { method: 'POST', body, idempotencyKey: key }),
      );
      if (!created) return;
      submitter.renewKey();
      form.reset();
      role.input.value = 'loan_officer';
      await reload();
      mount(
        feedback,
        notice(
          'success',
          h(
            'p',
            {},
            t('users.created', {
              name: created.username ?? body.username,
              role: t(`roles.${created.role ?? body.role}`),
            }),
          ),
        ),
      );
    } catch (error) {
      mount(local, errorBanner(error, { sentences: { 409: 'users.usernameTaken' } }));
    }
  });
  return card(t('users.createTitle'), form);
}
