// The search box of a list (applications, loans): a reference, a DNI/RUC or part of a family's
// name, sent as `q` (the server ignores case and accents). It lives in the URL like the filters.
import { t } from '../i18n.js';
import { h } from '../render.js';

let counter = 0;

/**
 * @param {object} ctx the route context (query, go)
 * @param {string} route the list's route, e.g. 'loans'
 */
export function searchForm(ctx, route) {
  const id = `search-${route}-${++counter}`;
  const input = h('input', {
    id,
    type: 'search',
    name: 'q',
    value: ctx.query.q ?? '',
    maxlength: '120',
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    placeholder: t('search.placeholder'),
  });
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': t('search.formLabel') },
    h('label', { for: id, class: 'field__label' }, t('search.label')),
    h(
      'div',
      { class: 'search__row' },
      input,
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('search.submit')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A new search starts on page 1 and keeps the filters in use.
    ctx.go(route, { ...ctx.query, q: input.value.trim(), page: undefined });
  });
  return form;
}
