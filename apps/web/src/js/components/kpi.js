// A key figure with its plain-words label (and a hint saying what it is made of), as the fund
// manager's screens show them in a grid.
import { h } from '../render.js';

/**
 * @param {string} label
 * @param {any} value text or a node
 * @param {string | null} [hint]
 */
export function kpi(label, value, hint = null) {
  return h(
    'div',
    { class: 'kpi' },
    h('p', { class: 'kpi__label' }, label),
    h('p', { class: 'kpi__value' }, value),
    hint ? h('p', { class: 'kpi__hint' }, hint) : null,
  );
}

/** A grid of figures; `wide` gives each a little more room (the portfolio's). */
export function kpis(items, wide = false) {
  return h('div', { class: ['kpis', wide && 'kpis--wide'] }, items);
}
