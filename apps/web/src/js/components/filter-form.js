// The filter form of a list screen: one field per filter, kept in the URL (so a reload or a shared
// link shows the same list), "Filter" and "Clear" buttons.
import { municipalityList, VALUE_CHAINS } from '../domain.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';
import { h } from '../render.js';

/** A select filter: `[name, label, [[value, text], …]]`; 'municipality' is a free text with suggestions. */
export const valueChainFilter = () => [
  'valueChain',
  t('list.valueChain'),
  VALUE_CHAINS.map((v) => [v, t(`valueChain.${v}`)]),
];

/**
 * @param {object} ctx the route context (query, go)
 * @param {string} route where the form leads, e.g. 'loans'
 * @param {Array<[string, string, Array<[string, string]>]>} selects the select filters, in order
 * @returns {{ form: HTMLFormElement, active: number }} the form and how many filters are in use
 */
/**
 * @param {any} ctx the route's context (its query holds the filters in use)
 * @param {string} route
 * @param {Array<Array<any>>} selects each select: [name, label, options]
 */
export function filterForm(ctx, route, selects) {
  const q = ctx.query;
  const fields = selects.map(([name, label, options]) =>
    field({ label, name, value: q[name] ?? '', options: [['', t('common.all')], ...options] }),
  );
  const listId = `${route}-municipalities`;
  const municipality = field({
    label: t('list.municipality'),
    name: 'municipality',
    value: q.municipality ?? '',
    list: listId,
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('list.filtersLabel') },
    ...fields.map((f) => f.el),
    municipality.el,
    municipalityList(listId),
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('common.filter')),
      h('a', { class: 'btn btn--ghost', href: `#/${route}` }, t('common.clear')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(selects.map(([name], i) => [name, fields[i].input.value]));
    // The search words stay: filtering narrows the search, it does not replace it.
    ctx.go(route, { q: q.q, ...values, municipality: municipality.input.value.trim() });
  });
  const names = [...selects.map(([name]) => name), 'municipality'];
  return { form, active: names.filter((name) => q[name]).length };
}
