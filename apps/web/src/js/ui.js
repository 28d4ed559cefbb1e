// Small building blocks shared by the screens: banners, badges, cards, lists, pagination.
import { ApiError, downloadCsv } from './api.js';
import { money, todayInLima } from './format.js';
import { has, t, tOr } from './i18n.js';
import { h } from './render.js';

// Refusals whose server message carries a figure the UI's own sentence should keep.
const AMOUNT_IN_MESSAGE = /(\d+\.\d{2})/;

/**
 * The UI's own sentence for an error: by its code when the UI knows the code, else the screen's
 * sentence for that status (`sentences`: { 409: 'users.lastAdmin' }), else null (the server's
 * messages are shown as they came: they are in the user's language).
 */
function ownSentence(error, sentences) {
  if (error.code && has(`codes.${error.code}`)) {
    const amount = error.messages.map((m) => AMOUNT_IN_MESSAGE.exec(m)?.[1]).find(Boolean);
    const sentence = t(`codes.${error.code}`);
    return amount && has(`codes.${error.code}_amount`)
      ? `${sentence} ${t(`codes.${error.code}_amount`, { amount: money(amount) })}`
      : sentence;
  }
  const key = sentences?.[error.status];
  return key ? t(key) : null;
}

/** What an error means for the person, then the detail: the UI's sentence or the API's message(s). */
function explain(error, sentences) {
  if (!(error instanceof ApiError)) {
    return { lead: t('errors.unexpected'), details: [String(error?.message ?? error)] };
  }
  if (error.status === 0) return { lead: error.messages[0] ?? t('errors.network'), details: [] };
  // A route the gateway does not serve yet: its message ("Cannot GET …") means nothing to a person.
  if (error.routeMissing) return { lead: t('errors.notAvailable'), details: [] };
  const leads = {
    400: 'errors.invalid',
    401: 'errors.unauthorized',
    403: 'errors.forbidden',
    404: 'errors.notFound',
    409: 'errors.conflict',
    422: 'errors.rule',
    429: 'errors.tooMany',
    503: 'errors.unavailable',
  };
  let lead = t(leads[error.status] ?? (error.status >= 500 ? 'errors.server' : 'errors.title'));
  if (error.status === 429 && error.retryAfter)
    lead = t('errors.tooManyWait', { n: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  const own = ownSentence(error, sentences);
  return { lead, details: own ? [own] : error.messages };
}

/**
 * A readable, announced error box. The API's message may be one string or a list of them.
 * `sentences` gives the screen's own sentence for a status where the status alone says what
 * happened (a 409 when deactivating a user can only be "the last admin").
 */
/**
 * @param {any} error
 * @param {{ onRetry?: () => void, sentences?: Record<string, string> }} [options]
 */
export function errorBanner(error, { onRetry, sentences } = {}) {
  const { lead, details } = explain(error, sentences);
  // A route still being built (404 "Cannot GET …") or a service that is down (503) is a
  // temporary state, not the person's mistake: a calmer colour than a real error.
  const temporary =
    error instanceof ApiError && (error.routeMissing || error.status === 503 || error.status === 0);
  return h(
    'div',
    { class: ['banner', temporary ? 'banner--warning' : 'banner--error'], role: 'alert' },
    h('p', { class: 'banner__lead' }, lead),
    details.length === 1 ? h('p', { class: 'banner__detail' }, details[0]) : null,
    details.length > 1
      ? h(
          'ul',
          { class: 'banner__detail' },
          details.map((d) => h('li', {}, d)),
        )
      : null,
    onRetry
      ? h(
          'button',
          { type: 'button', class: 'btn btn--small', onClick: onRetry },
          t('common.retry'),
        )
      : null,
  );
}

export function notice(kind, ...content) {
  return h(
    'div',
    { class: `banner banner--${kind}`, role: kind === 'success' ? 'status' : null },
    ...content,
  );
}

export function loading() {
  return h('p', { class: 'loading', role: 'status', 'aria-live': 'polite' }, t('common.loading'));
}

/** An application status as a coloured pill, with words rather than codes. */
export function statusBadge(status) {
  return h('span', { class: `badge badge--${status}` }, tOr(`status.${status}`, status));
}

export function loanStatusBadge(status) {
  return h('span', { class: `badge badge--loan-${status}` }, tOr(`loanStatus.${status}`, status));
}

export function classificationBadge(classification) {
  return h(
    'span',
    { class: `badge badge--class-${classification}` },
    tOr(`classification.${classification}`, classification),
  );
}

/** "80 · A · Aprobar", coloured by grade. */
export function scoreBadge(score) {
  if (!score) return h('span', { class: 'badge badge--muted' }, t('queue.notScored'));
  return h(
    'span',
    { class: `score score--${String(score.grade).toLowerCase()}` },
    h('strong', { class: 'score__value' }, String(score.value)),
    h('span', { class: 'score__grade' }, String(score.grade)),
    h(
      'span',
      { class: 'score__rec' },
      tOr(`recommendation.${score.recommendation}`, score.recommendation),
    ),
  );
}

export function card(title, ...children) {
  return h(
    'section',
    { class: 'card' },
    title ? h('h2', { class: 'card__title' }, title) : null,
    ...children,
  );
}

/**
 * Label/value pairs as a <dl>; rows whose value is null are left out. A row [label, value, 'block']
 * puts a long text (a purpose, a reason) under its label instead of squeezing it to the right.
 */
export function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows
      .filter((row) => row && row[1] !== null && row[1] !== undefined && row[1] !== '')
      .map(([label, value, layout]) =>
        h(
          'div',
          { class: ['facts__row', layout === 'block' && 'facts__row--block'] },
          h('dt', {}, label),
          h('dd', {}, value),
        ),
      ),
  );
}

/**
 * A data table. On a phone screen (up to 640 px) each row becomes a small card of "label value"
 * lines: every cell carries its column's name in data-label for the CSS, so no table is ever wider
 * than the phone. `stack: false` keeps a table a table there (it then scrolls inside its own box).
 * A row is an array of cells, or { cells, className }.
 *
 * @param {string} caption
 * @param {string[]} head
 * @param {Array<any[] | { cells: any[], className?: string | null }>} rows
 * @param {{ numeric?: number[], stack?: boolean, nowrap?: boolean }} [options]
 */
export function scrollTable(
  caption,
  head,
  rows,
  { numeric = [], stack = true, nowrap = false } = {},
) {
  const cls = (i) => (numeric.includes(i) ? 'num' : null);
  return h(
    'div',
    {
      class: ['table-wrap', stack && 'table-wrap--stack', nowrap && 'table-wrap--nowrap'],
      tabindex: '0',
      role: 'region',
      'aria-label': caption,
    },
    h(
      'table',
      { class: stack ? 'table--stack' : null },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((label, i) => h('th', { scope: 'col', class: cls(i) }, label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: Array.isArray(row) ? null : (row.className ?? null) },
            (Array.isArray(row) ? row : row.cells).map((cell, i) =>
              h('td', { class: cls(i), 'data-label': head[i] }, cell),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Previous / next with "Página 2 de 5". */
export function pagination({ page, pageSize, total }, onPage) {
  const pages = Math.max(1, Math.ceil((Number(total) || 0) / (Number(pageSize) || 1)));
  if (pages <= 1) return h('p', { class: 'muted' }, t('common.total', { n: total ?? 0 }));
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('common.page', { page, pages }) },
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn--ghost',
        disabled: page <= 1,
        onClick: () => onPage(page - 1),
      },
      '← ',
      t('common.prev'),
    ),
    h(
      'span',
      { class: 'pager__label' },
      t('common.page', { page, pages }),
      ' · ',
      t('common.total', { n: total }),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn--ghost',
        disabled: page >= pages,
        onClick: () => onPage(page + 1),
      },
      t('common.next'),
      ' →',
    ),
  );
}

/** The heading every screen starts with; the router moves focus to it after navigation. */
export function pageTitle(text, ...extra) {
  return h(
    'header',
    { class: 'page-head' },
    h('h1', { tabindex: '-1', class: 'page-title' }, text),
    ...extra,
  );
}

/**
 * Filters folded away on a phone (the list matters more than four dropdowns), open on a wider
 * screen or when some filter is already in use.
 */
export function filterBox(form, activeCount) {
  const open = activeCount > 0 || window.matchMedia('(min-width: 700px)').matches;
  return h(
    'details',
    { class: 'filter-box', open },
    h('summary', {}, t('common.filter'), activeCount > 0 ? ` (${activeCount})` : null),
    form,
  );
}

/**
 * "Exportar CSV": downloads the list with its current filters (every matching row), with the
 * user's token. `name` is the file's first word ("solicitudes" → solicitudes-2026-11-20.csv).
 */
export function exportButton(path, query, name) {
  const status = h('div', { class: 'export__status', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'btn btn--ghost btn--small export__button' },
    t('common.exportCsv'),
  );
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = t('common.exporting');
    status.replaceChildren();
    try {
      const filters = Object.fromEntries(
        Object.entries(query ?? {}).filter(([key]) => key !== 'page' && key !== 'pageSize'),
      );
      const file = await downloadCsv(path, filters, `${name}-${todayInLima()}.csv`);
      status.replaceChildren(h('p', { class: 'muted small' }, t('common.exported', file)));
    } catch (error) {
      status.replaceChildren(errorBanner(error));
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = t('common.exportCsv');
    }
  });
  return h('div', { class: 'export' }, button, status);
}
