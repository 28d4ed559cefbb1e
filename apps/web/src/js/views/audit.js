// The audit trail (admin, fund manager): every change and every sign-in, newest first, filtered by
// who, what, which resource and when. Filters live in the URL like every list's.
import { api } from '../api.js';
import { dateTime, shortId } from '../format.js';
import { field } from '../forms.js';
import { has, t } from '../i18n.js';
import { h, mount } from '../render.js';
import {
  errorBanner,
  exportButton,
  filterBox,
  loading,
  notice,
  pageTitle,
  pagination,
  scrollTable,
} from '../ui.js';

const PAGE_SIZE = 50;

// The routes that are recorded (POST and PATCH of API.md), in the order of the programme's work.
// Each has words in i18n under audit.actions (its key: the template without "/api/").
export const AUDITED_ACTIONS = [
  'POST /api/auth/login',
  'POST /api/auth/enterprise',
  'POST /api/auth/password',
  'POST /api/applications',
  'POST /api/applications/{id}/decision',
  'POST /api/applications/{id}/resubmit',
  'POST /api/loans/{id}/repayments',
  'POST /api/loans/{id}/repayments/{repaymentId}/reversal',
  'POST /api/loans/{id}/write-off',
  'POST /api/loans/{id}/reprogramming',
  'POST /api/loans/{id}/reprogramming/preview',
  'POST /api/emergencies',
  'POST /api/funds/guarantee/capital',
  'POST /api/funds/innovation/budget',
  'POST /api/admin/close-of-business',
  'POST /api/users',
  'PATCH /api/users/{id}',
  'POST /api/users/{id}/password',
];

/** "POST /api/loans/{id}/repayments" → the i18n key "audit.actions.POST loans/{id}/repayments". */
function actionKey(action) {
  return `audit.actions.${String(action).replace(' /api/', ' ')}`;
}

/** An action in words; a route the UI has no words for is shown as it is (it is not a code). */
export function actionLabel(action) {
  return has(actionKey(action)) ? t(actionKey(action)) : String(action ?? '');
}

/** Where a resource id leads, when the action says what it is. */
function resourceLink(row) {
  if (!row.resourceId) return t('common.none');
  const text = h('span', { class: 'mono' }, shortId(row.resourceId));
  if (/\/api\/loans\/\{id\}/.test(row.action ?? ''))
    return h('a', { href: `#/loans/${row.resourceId}`, title: row.resourceId }, text);
  return h('span', { title: row.resourceId }, text);
}

function outcome(statusCode) {
  const code = Number(statusCode);
  const kind = code >= 200 && code < 300 ? 'accepted' : 'refused';
  return h(
    'span',
    { class: ['badge', kind === 'accepted' ? 'badge--standing' : 'badge--refused'] },
    `${t(`audit.${kind}`)} · ${code}`,
  );
}

export async function render(root, ctx) {
  const q = ctx.query;
  const page = Math.max(1, Number.parseInt(q.page, 10) || 1);
  const filters = {
    actor: q.actor,
    action: q.action,
    resourceId: q.resourceId,
    from: q.from,
    to: q.to,
  };
  const active = Object.values(filters).filter(Boolean).length;
  const body = h('div', {}, loading());
  mount(
    root,
    pageTitle(
      t('audit.title'),
      h('p', { class: 'muted' }, t('audit.intro')),
      exportButton('/audit', filters, t('audit.csvName')),
    ),
    filterBox(filterFormOf(ctx, filters), active),
    body,
  );
  try {
    const result = await api('/audit', { query: { ...filters, page, pageSize: PAGE_SIZE } });
    if (!ctx.isCurrent()) return;
    const items = result?.items ?? [];
    if (items.length === 0) return mount(body, notice('info', h('p', {}, t('audit.empty'))));
    mount(
      body,
      scrollTable(
        t('audit.title'),
        [
          t('audit.at'),
          t('audit.actor'),
          t('audit.role'),
          t('audit.action'),
          t('audit.resource'),
          t('audit.outcome'),
          t('audit.requestId'),
        ],
        items.map((row) => [
          dateTime(row.at),
          row.actor ?? h('span', { class: 'muted' }, t('audit.unknownActor')),
          row.role ? t(`roles.${row.role}`) : t('common.none'),
          // The route itself (for the technically minded) as a tooltip; the words on screen.
          h('span', { title: row.action }, actionLabel(row.action)),
          resourceLink(row),
          outcome(row.statusCode),
          h('span', { class: 'mono small', title: row.requestId }, shortId(row.requestId)),
        ]),
        { stack: true },
      ),
      pagination(
        { page, pageSize: result.pageSize ?? PAGE_SIZE, total: result.total ?? items.length },
        (p) => ctx.go('audit', { ...filters, page: p }),
      ),
    );
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}

function filterFormOf(ctx, values) {
  const actor = field({
    label: t('audit.actor'),
    name: 'actor',
    value: values.actor ?? '',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const action = field({
    label: t('audit.action'),
    name: 'action',
    value: values.action ?? '',
    options: [['', t('common.all')], ...AUDITED_ACTIONS.map((a) => [a, actionLabel(a)])],
  });
  const resourceId = field({
    label: t('audit.resourceId'),
    name: 'resourceId',
    value: values.resourceId ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const from = field({ label: t('audit.from'), name: 'from', type: 'date', value: values.from });
  const to = field({ label: t('audit.to'), name: 'to', type: 'date', value: values.to });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('list.filtersLabel') },
    actor.el,
    action.el,
    resourceId.el,
    from.el,
    to.el,
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('common.filter')),
      h('a', { class: 'btn btn--ghost', href: '#/audit' }, t('common.clear')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('audit', {
      actor: actor.input.value.trim(),
      action: action.input.value,
      resourceId: resourceId.input.value.trim(),
      from: from.input.value,
      to: to.input.value,
    });
  });
  return form;
}
