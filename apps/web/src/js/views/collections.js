// The collection sheet: for a date and a district (and, optionally, one loan officer's families),
// what each family must pay to be up to date — made to be printed and taken to the field (the
// print stylesheet leaves only the sheet, on one page per A4 or Letter sheet of paper).
import { api } from '../api.js';
import { municipalityList } from '../domain.js';
import { count, date, dateTime, money } from '../format.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, exportButton, loading, notice, pageTitle } from '../ui.js';

export async function render(root, ctx) {
  const q = ctx.query;
  const filters = { date: q.date, municipality: q.municipality, officer: q.officer };
  const body = h('div', {}, loading());
  mount(
    root,
    h(
      'div',
      { class: 'no-print' },
      pageTitle(t('collections.title'), h('p', { class: 'muted' }, t('collections.intro'))),
      filterFormOf(ctx, filters),
      h(
        'div',
        { class: 'toolbar' },
        h(
          'button',
          { type: 'button', class: 'btn btn--primary', onClick: () => window.print() },
          t('collections.print'),
        ),
        exportButton('/collections', filters, t('collections.csvName')),
      ),
    ),
    body,
  );
  try {
    const sheet = await api('/collections', { query: filters });
    if (!ctx.isCurrent()) return;
    mount(body, sheetOf(sheet, filters));
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}

function filterFormOf(ctx, values) {
  const day = field({
    label: t('collections.date'),
    name: 'date',
    type: 'date',
    value: values.date,
    hint: t('collections.dateHint'),
  });
  const municipality = field({
    label: t('collections.municipality'),
    name: 'municipality',
    value: values.municipality ?? '',
    list: 'collections-municipalities',
    autocomplete: 'off',
  });
  const officer = field({
    label: t('collections.officer'),
    name: 'officer',
    value: values.officer ?? '',
    optional: true,
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'filters filters--inline', role: 'search', 'aria-label': t('list.filtersLabel') },
    day.el,
    municipality.el,
    municipalityList('collections-municipalities'),
    officer.el,
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('collections.show')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('collections', {
      date: day.input.value,
      municipality: municipality.input.value.trim(),
      officer: officer.input.value.trim(),
    });
  });
  return form;
}

/** One row of the sheet: [text, class] per column (the last two left blank, to fill in by hand). */
function rowCells(item, i, oneDistrict) {
  return [
    [String(i + 1), 'num'],
    [item.enterprise?.name ?? '', null],
    [h('span', { class: 'mono' }, item.reference ?? ''), null],
    oneDistrict ? null : [item.enterprise?.municipality ?? '', null],
    [date(item.dueDate), null],
    [String(item.daysPastDue ?? 0), 'num'],
    [h('strong', {}, money(item.amountDue)), 'num'],
    ['', 'sheet__blank'],
    ['', 'sheet__blank'],
  ].filter(Boolean);
}

/** The printable sheet: a heading that says for when and where, one row per family, the total. */
function sheetOf(sheet, filters) {
  const items = sheet?.items ?? [];
  const oneDistrict = Boolean(filters.municipality);
  const head = [
    [t('collections.n'), 'num'],
    [t('collections.family'), null],
    [t('collections.reference'), null],
    oneDistrict ? null : [t('collections.municipality'), null],
    [t('collections.dueSince'), null],
    [t('collections.dpd'), 'num'],
    [t('collections.amountDue'), 'num'],
    [t('collections.paid'), 'sheet__blank'],
    [t('collections.signature'), 'sheet__blank'],
  ].filter(Boolean);
  const total = money(sheet?.amountDue ?? '0.00');
  return h(
    'article',
    { class: 'sheet', 'aria-label': t('collections.title') },
    h(
      'header',
      { class: 'sheet__head' },
      h('p', { class: 'sheet__brand' }, `${t('app.name')} · ${t('collections.title')}`),
      h(
        'dl',
        { class: 'sheet__meta' },
        meta(t('collections.date'), date(sheet?.date ?? filters.date, 'long')),
        meta(t('collections.municipality'), filters.municipality || t('collections.allDistricts')),
        filters.officer ? meta(t('collections.officer'), filters.officer) : null,
        meta(t('collections.families'), count(sheet?.total ?? items.length)),
        meta(t('collections.totalDue'), total),
      ),
    ),
    items.length === 0
      ? notice('info', h('p', {}, t('collections.empty')))
      : h(
          'table',
          // On a phone screen each family is a card (ui.js's stacked tables); on paper, a table.
          { class: 'sheet__table table--stack' },
          h('caption', { class: 'visually-hidden' }, t('collections.title')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              head.map(([label, cls]) => h('th', { scope: 'col', class: cls }, label)),
            ),
          ),
          h(
            'tbody',
            {},
            items.map((item, i) =>
              h(
                'tr',
                { class: Number(item.daysPastDue) > 0 ? 'is-late' : null },
                rowCells(item, i, oneDistrict).map(([cell, cls], c) =>
                  h('td', { class: cls, 'data-label': head[c][0] }, cell),
                ),
              ),
            ),
          ),
          h(
            'tfoot',
            {},
            h(
              'tr',
              { class: 'total' },
              h('td', { colspan: String(head.length - 3) }, t('collections.total')),
              h('td', { class: 'num' }, h('strong', {}, total)),
              h('td', { colspan: '2' }, ''),
            ),
          ),
        ),
    h(
      'p',
      { class: 'sheet__foot muted small' },
      t('collections.printedAt', { at: dateTime(new Date().toISOString()) }),
    ),
  );
}

function meta(label, value) {
  return h('div', { class: 'sheet__meta-row' }, h('dt', {}, label), h('dd', {}, value));
}
