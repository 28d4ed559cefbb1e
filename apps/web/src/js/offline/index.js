// The app's offline side, as the shell sees it: the service worker, sending the drafts when the
// signal returns and when an officer signs in, and what the header says about it (no signal; how
// many drafts the officer has; applications sent from drafts whose PIN the family still needs).
import { getSession } from '../api.js';
import { t } from '../i18n.js';
import { h } from '../render.js';
import { notice } from '../ui.js';
import { draftsAvailable, listDrafts, onDraftsChange } from './drafts-store.js';
import { onSentChange, sentApplications } from './sent.js';
import { registerServiceWorker } from './service-worker.js';
import { ownerOf, syncDrafts } from './sync.js';

/** @type {{ header: HTMLElement, path: string } | null} */
let screen = null;
/** The session whose drafts were last sent on its arrival (a sign-in, the app opening). */
let syncedToken = null;

/** Once, when the app starts. */
export function startOffline() {
  registerServiceWorker();
  window.addEventListener('online', () => {
    decorate();
    syncDrafts();
  });
  window.addEventListener('offline', () => decorate());
  onDraftsChange(() => decorate());
  onSentChange(() => decorate());
}

/**
 * After each screen is drawn: an officer who has just signed in (or opened the app) gets their
 * waiting drafts sent, and the header shows the offline state of things.
 *
 * @param {HTMLElement} header
 * @param {{ token: string, role: string } | null} session
 * @param {string} path
 */
export function onScreen(header, session, path) {
  screen = { header, path };
  if (session?.role === 'loan_officer' && session.token !== syncedToken && draftsAvailable()) {
    syncedToken = session.token;
    syncDrafts();
  }
  decorate();
}

let turn = 0;
async function decorate() {
  if (!screen) return;
  const { header, path } = screen;
  const mine = ++turn;
  const session = getSession();
  const owner = session?.role === 'loan_officer' ? ownerOf(session) : null;
  const count = owner && draftsAvailable() ? (await listDrafts(owner).catch(() => [])).length : 0;
  if (mine !== turn || !header.isConnected) return;

  const link = header.querySelector('a[href="#/drafts"]');
  link?.querySelector('.nav-count-wrap')?.remove();
  if (link && count > 0)
    link.append(
      h('span', { class: 'nav-count-wrap' }, ' ', h('span', { class: 'nav-count' }, String(count))),
    );

  header.querySelector('.offline-strip')?.remove();
  const sent = owner ? sentApplications(owner) : [];
  const strip = [
    // Drafts are the officers'; a family's page says offline in its own banner, with its date.
    navigator.onLine === false && session?.role === 'loan_officer'
      ? h('p', {}, t('offline.noSignal'))
      : null,
    navigator.onLine === false && ['fund_manager', 'admin'].includes(session?.role)
      ? h('p', {}, t('offline.noSignalStaff'))
      : null,
    sent.length && path !== 'drafts'
      ? h(
          'p',
          {},
          sent.length === 1 ? t('offline.sentOne') : t('offline.sentMany', { n: sent.length }),
          ' ',
          h('a', { href: '#/drafts' }, t('offline.seeCodes')),
        )
      : null,
  ].filter(Boolean);
  if (strip.length)
    header.append(h('div', { class: 'offline-strip' }, notice('warning', ...strip)));
}
