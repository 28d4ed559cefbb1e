// The family's code and PIN once an application exists: large on screen for the officer, and a
// slip to print and leave with the family — always in Spanish, whatever language the officer's
// screen speaks, since it is for the family — with what to do next.
import { dictionaries, t } from '../i18n.js';
import { money } from '../format.js';
import { h } from '../render.js';
import { printButton } from './print-sheet.js';

/**
 * What the screen and the slip show of a created application.
 *
 * @typedef {{ id: string, reference: string, pin: string, name: string, amount: string,
 *   officer: string, createdAt: string }} SlipData
 */

/**
 * "410056" → "410 056": digits in groups of three, easier to read aloud and to copy by hand.
 * Anything else is shown as it came.
 *
 * @param {unknown} pin
 * @returns {string}
 */
export function groupPin(pin) {
  const text = String(pin ?? '').trim();
  return /^\d+$/.test(text) ? text.replace(/(\d{3})(?=\d)/g, '$1 ') : text;
}

/**
 * The slip's data from the API's answer to the POST. The officer's name is the one the timeline
 * gives for its first step (their display name), else `fallbackOfficer`.
 *
 * @param {any} created
 * @param {string} fallbackOfficer
 * @returns {SlipData}
 */
export function slipDataFrom(created, fallbackOfficer) {
  const first = Array.isArray(created?.timeline) ? created.timeline[0] : null;
  return {
    id: String(created?.id ?? ''),
    reference: String(created?.reference ?? ''),
    pin: String(created?.pin ?? ''),
    name: String(created?.enterprise?.name ?? ''),
    amount: String(created?.request?.amount ?? ''),
    officer: String(first?.byName || first?.by || fallbackOfficer || ''),
    createdAt: String(created?.createdAt ?? new Date().toISOString()),
  };
}

/**
 * A sentence of the slip, always from the Spanish dictionary.
 *
 * @param {string} key under `slip.`
 * @param {Record<string, string>} [params]
 */
function es(key, params = {}) {
  const text = dictionaries.es.slip[key];
  return String(text).replace(/\{(\w+)\}/g, (m, name) => (name in params ? params[name] : m));
}

/** A date as the family reads it: "2 de marzo de 2026", in Lima's calendar. */
function spanishDate(iso) {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return '';
  try {
    return new Intl.DateTimeFormat('es-PE', { dateStyle: 'long', timeZone: 'America/Lima' }).format(
      parsed,
    );
  } catch {
    return parsed.toISOString().slice(0, 10);
  }
}

/**
 * The printable slip (one A4 or Letter page).
 *
 * @param {SlipData} data
 * @param {string} [address] where the family opens the app (this app's own address)
 * @returns {HTMLElement}
 */
export function credentialsSlip(data, address = window.location.origin) {
  return h(
    'article',
    { class: 'print-sheet slip', lang: 'es' },
    h(
      'header',
      { class: 'slip__head' },
      h('p', { class: 'slip__brand' }, 'Qollqa'),
      h('h1', { class: 'slip__title' }, es('title')),
      h('p', { class: 'slip__family' }, data.name),
      h('p', { class: 'slip__date' }, es('date', { date: spanishDate(data.createdAt) })),
    ),
    h(
      'dl',
      { class: 'slip__codes' },
      h('div', {}, h('dt', {}, es('reference')), h('dd', { class: 'slip__code' }, data.reference)),
      h('div', {}, h('dt', {}, es('pin')), h('dd', { class: 'slip__code' }, groupPin(data.pin))),
    ),
    h('h2', { class: 'slip__subtitle' }, es('nextTitle')),
    h(
      'ol',
      { class: 'slip__steps' },
      h('li', {}, `${es('stepOpen')}: `, h('strong', { class: 'slip__address' }, address)),
      h('li', {}, es('stepSignIn')),
      h('li', {}, es('stepFollow')),
    ),
    h('p', { class: 'slip__warning' }, es('keepPrivate')),
    h('p', { class: 'slip__contact' }, es('contact', { officer: data.officer })),
    h('p', { class: 'slip__foot' }, es('foot')),
  );
}

/**
 * The code and PIN, large, for the officer to read out and note, with the slip's print button.
 *
 * @param {SlipData} data
 * @param {{ note?: string, actions?: Node[] }} [options]
 * @returns {HTMLElement}
 */
export function credentialsPanel(data, { note = t('newApp.doneNote'), actions = [] } = {}) {
  const noteId = `cred-note-${data.id || data.reference}`;
  return h(
    'section',
    { class: 'card credentials', 'aria-labelledby': noteId },
    h('p', { class: 'credentials__note', id: noteId, role: 'alert' }, note),
    h(
      'dl',
      { class: 'credentials__list' },
      h('div', {}, h('dt', {}, t('newApp.reference')), h('dd', { class: 'mono' }, data.reference)),
      h('div', {}, h('dt', {}, t('newApp.pin')), h('dd', { class: 'mono' }, groupPin(data.pin))),
    ),
    h('p', { class: 'muted' }, data.name, ' · ', money(data.amount)),
    h(
      'div',
      { class: 'credentials__actions' },
      printButton(t('slip.print'), () => credentialsSlip(data)),
      ...actions,
    ),
  );
}
