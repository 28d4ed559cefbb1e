// The app shell: header, role-based navigation and a hash router (#/queue, #/applications/<id>…)
// so that a reload or a shared link lands on the same screen without any server-side routing.
import { clearSession, getSession, nameFromToken, setUnauthorizedHandler } from './api.js';
import { forgetFamilyCopy } from './offline/family-copy.js';
import { getLang, setLang, t } from './i18n.js';
import { h, mount, s } from './render.js';
import { errorBanner } from './ui.js';
import * as login from './views/login.js';
import * as family from './views/family.js';
import * as queue from './views/queue.js';
import * as applications from './views/applications.js';
import * as application from './views/application.js';
import * as newApplication from './views/new-application.js';
import * as loans from './views/loans.js';
import * as loan from './views/loan.js';
import * as approvals from './views/approvals.js';
import * as funds from './views/funds.js';
import * as admin from './views/admin.js';
import * as users from './views/users.js';
import * as audit from './views/audit.js';
import * as collections from './views/collections.js';
import * as password from './views/password.js';
import * as drafts from './views/drafts.js';
import * as emergencies from './views/emergencies.js';
import { onScreen, startOffline } from './offline/index.js';

/**
 * A screen loaded when first opened (its own chunk of the build): the fund manager's screens with
 * charts and table exports, so that the app a family's phone downloads stays small.
 */
function lazyView(load) {
  return { render: (section, ctx) => load().then((view) => view.render(section, ctx)) };
}
const portfolio = lazyView(() => import('./views/portfolio.js'));
const guarantee = lazyView(() => import('./views/guarantee.js'));
const impact = lazyView(() => import('./views/impact.js'));

const STAFF = ['loan_officer', 'fund_manager'];
const ALL_STAFF = ['loan_officer', 'fund_manager', 'admin'];

const ROUTES = [
  { path: 'login', view: login, open: true },
  { path: 'my', view: family, roles: ['enterprise'] },
  { path: 'queue', view: queue, roles: ['loan_officer'] },
  { path: 'applications', view: applications, roles: STAFF },
  { path: 'applications/:id', view: application, roles: STAFF },
  { path: 'new', view: newApplication, roles: ['loan_officer'] },
  { path: 'drafts', view: drafts, roles: ['loan_officer'] },
  { path: 'loans', view: loans, roles: ALL_STAFF }, // admins record repayments too
  { path: 'loans/:id', view: loan, roles: ALL_STAFF },
  { path: 'approvals', view: approvals, roles: ['fund_manager'] },
  { path: 'funds', view: funds, roles: ['fund_manager', 'admin'] },
  { path: 'portfolio', view: portfolio, roles: ['fund_manager', 'admin'] },
  { path: 'guarantee', view: guarantee, roles: ['fund_manager', 'admin'] },
  { path: 'impact', view: impact, roles: ['fund_manager', 'admin'] },
  { path: 'admin', view: admin, roles: ['admin'] },
  { path: 'users', view: users, roles: ['admin'] },
  { path: 'audit', view: audit, roles: ['admin', 'fund_manager'] },
  { path: 'collections', view: collections, roles: ALL_STAFF },
  { path: 'password', view: password, roles: ALL_STAFF },
  { path: 'emergencies', view: emergencies, roles: ['fund_manager'] },
];

// The menu of each role, in the order of their daily work.
const NAV = {
  enterprise: ['my'],
  loan_officer: ['queue', 'new', 'drafts', 'applications', 'loans', 'collections'],
  fund_manager: [
    'approvals',
    'funds',
    'guarantee',
    'portfolio',
    'impact',
    'loans',
    'emergencies',
    'applications',
    'collections',
    'audit',
  ],
  admin: [
    'admin',
    'users',
    'audit',
    'loans',
    'collections',
    'funds',
    'guarantee',
    'portfolio',
    'impact',
  ],
};

const homeOf = (role) => NAV[role]?.[0] ?? 'login';

/** "#/applications/abc?status=x" → { path: 'applications/abc', query: { status: 'x' } } */
function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  return {
    path: decodeURIComponent(path).replace(/\/+$/, ''),
    query: Object.fromEntries(new URLSearchParams(search)),
  };
}

function match(path) {
  const parts = path.split('/');
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((p, i) =>
      p.startsWith(':') ? ((params[p.slice(1)] = parts[i]), true) : p === parts[i],
    );
    if (ok) return { route, params };
  }
  return null;
}

/**
 * The screen to come back to after signing in, from a sign-in link's `next` ("loans/<id>?x=y"):
 * only a screen of this app that needs a session, never a URL of its own.
 *
 * @param {unknown} next
 * @returns {{ path: string, query: Record<string, string>, roles: string[] } | null}
 */
function returnRoute(next) {
  if (typeof next !== 'string' || next.length > 1000) return null;
  const raw = next.replace(/^#?\/?/, '');
  const cut = raw.indexOf('?');
  let path;
  try {
    path = decodeURIComponent(cut < 0 ? raw : raw.slice(0, cut)).replace(/\/+$/, '');
  } catch {
    return null;
  }
  // Plain segments only: no "..", no scheme, no second slash, nothing a view could misread.
  if (!path.split('/').every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return null;
  const found = match(path);
  if (!found || found.route.open) return null;
  const query = Object.fromEntries(new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1)));
  return { path, query, roles: found.route.roles ?? [] };
}

/**
 * Where a person goes once signed in: the screen that was asked for when the role may see it,
 * else the role's first screen.
 *
 * @param {string} role
 * @param {unknown} next
 * @returns {{ path: string, query: Record<string, string> }}
 */
function afterSignIn(role, next) {
  const target = returnRoute(next);
  if (target && target.roles.includes(role)) return { path: target.path, query: target.query };
  return { path: homeOf(role), query: {} };
}

/**
 * The sign-in screen's query for a person sent there from `path` (kept as `next`): the staff tab
 * when only staff may see that screen or the ended session was staff's.
 *
 * @param {string} path
 * @param {Record<string, string>} query
 * @param {string | null} [role] the role of a session that just ended
 */
function signInFor(path, query, role = null) {
  const search = new URLSearchParams(query).toString();
  const target = returnRoute(`${path}${search ? `?${search}` : ''}`);
  const staffOnly = target && !target.roles.includes('enterprise');
  const staff = role ? role !== 'enterprise' : staffOnly;
  return {
    as: staff ? 'staff' : undefined,
    next: target ? `${path}${search ? `?${search}` : ''}` : undefined,
  };
}

export function go(path, query = {}) {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ).toString();
  const hash = `#/${path}${search ? `?${search}` : ''}`;
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

// A one-off message for the next screen (e.g. "your session ended" on the sign-in page).
let flash = null;

// An expired or refused token: back to the sign-in form this person uses, and after signing in
// back to this screen. Several calls refused at once send the person there once.
setUnauthorizedHandler((role) => {
  const { path, query } = parseHash();
  if (path === 'login') return;
  flash = 'login.expired';
  go('login', signInFor(path, query, role));
});

const header = document.getElementById('app-header');
const footer = document.getElementById('app-footer');
const main = document.getElementById('main');

function logo() {
  // A qollqa: the round stone storehouse of the Andes, with its thatched roof.
  return s(
    'svg',
    { class: 'brand__logo', viewBox: '0 0 32 32', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: 'M4 15 L16 4 L28 15 Z', fill: 'var(--ochre)' }),
    s('rect', { x: '7', y: '15', width: '18', height: '13', rx: '1.5', fill: 'var(--terracotta)' }),
    s('rect', { x: '13.5', y: '20', width: '5', height: '8', fill: 'var(--ink)' }),
    s('path', {
      d: 'M7 18.5 H25',
      stroke: 'var(--cream)',
      'stroke-width': '1',
      'stroke-dasharray': '2 1.5',
    }),
  );
}

function renderHeader(session, currentPath) {
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--ghost btn--small',
      lang: getLang() === 'es' ? 'en' : 'es',
      title: t('lang.toggleLabel'),
      onClick: () => {
        setLang(getLang() === 'es' ? 'en' : 'es');
        render();
      },
    },
    t('lang.toggle'),
  );
  const items = session ? (NAV[session.role] ?? []) : [];
  mount(
    header,
    h(
      'div',
      { class: 'topbar' },
      h(
        'a',
        { class: 'brand', href: session ? `#/${homeOf(session.role)}` : '#/login' },
        logo(),
        h('span', { class: 'brand__name' }, t('app.name')),
      ),
      h(
        'div',
        { class: 'topbar__tools' },
        toggle,
        session
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn--ghost btn--small',
                onClick: () => {
                  clearSession();
                  // Signing out on a shared phone leaves nothing of the family's behind.
                  if (session.role === 'enterprise')
                    forgetFamilyCopy(nameFromToken(session.token) ?? '');
                  go('login', session.role === 'enterprise' ? {} : { as: 'staff' });
                },
              },
              t('nav.signOut'),
            )
          : null,
      ),
    ),
    session
      ? h(
          'p',
          { class: 'whoami' },
          t('nav.signedInAs', { name: session.name ?? '' }),
          ' · ',
          t(`roles.${session.role}`),
          ALL_STAFF.includes(session.role)
            ? [
                ' · ',
                h(
                  'a',
                  {
                    href: '#/password',
                    'aria-current': currentPath === 'password' ? 'page' : null,
                  },
                  t('nav.password'),
                ),
              ]
            : null,
        )
      : h('p', { class: 'whoami' }, t('app.tagline')),
    items.length > 1
      ? h(
          'nav',
          { class: 'mainnav', 'aria-label': t('nav.label') },
          h(
            'ul',
            {},
            items.map((item) => {
              const current = currentPath === item || currentPath.startsWith(`${item}/`);
              return h(
                'li',
                {},
                h(
                  'a',
                  { href: `#/${item}`, 'aria-current': current ? 'page' : null },
                  t(`nav.${item}`),
                ),
              );
            }),
          ),
        )
      : null,
  );
}

let renderCount = 0;

function render() {
  // Only "#/…" is a route; any other fragment is an in-page anchor, not a navigation.
  if (window.location.hash && !window.location.hash.startsWith('#/')) return;
  const { path, query } = parseHash();
  const session = getSession();
  document.documentElement.lang = getLang();

  if (!path) return go(session ? homeOf(session.role) : 'login');
  const found = match(path);
  if (found && !found.route.open && !session) return go('login', signInFor(path, query));
  if (found && path === 'login' && session) {
    const target = afterSignIn(session.role, query.next);
    return go(target.path, target.query);
  }
  if (found && found.route.roles && !found.route.roles.includes(session.role))
    return go(homeOf(session.role));

  renderHeader(session, path);
  onScreen(header, session, path); // offline: no-signal notice, drafts count, sending drafts
  mount(footer, h('p', {}, t('app.footer')));
  // Each screen draws into its own fresh section: a slow answer for a screen the person has already
  // left then lands in a detached node and cannot overwrite the new screen.
  const section = h('div', { class: 'view' });
  mount(main, section);
  const renderId = ++renderCount;
  const ctx = {
    params: found?.params ?? {},
    query,
    session,
    go,
    home: homeOf,
    afterSignIn,
    isCurrent: () => renderId === renderCount,
    takeFlash: () => {
      const message = flash;
      flash = null;
      return message;
    },
  };
  document.title = t('app.name');
  try {
    const result = found ? found.route.view.render(section, ctx) : notFound(section, session);
    Promise.resolve(result)
      .catch((error) => section.prepend(errorBanner(error)))
      // A screen loaded on demand has its heading only now.
      .then(() => ctx.isCurrent() && announce(section, renderId));
  } catch (error) {
    section.prepend(errorBanner(error));
  }
  announce(section, renderId);
}

/** Names the screen in the tab's title and moves focus to its heading, once it has one. */
function announce(section, renderId) {
  const title = section.querySelector('h1');
  if (!title || title.dataset.announced) return;
  title.dataset.announced = 'true';
  document.title = `${title.textContent} · ${t('app.name')}`;
  // Move focus to the new screen's heading so screen readers announce the page change; not
  // on the first load, so the sign-in field keeps its natural focus order.
  if (renderId > 1) title.focus({ preventScroll: false });
}

function notFound(section, session) {
  mount(
    section,
    h('h1', { tabindex: '-1', class: 'page-title' }, t('notFound.title')),
    h('p', {}, t('errors.pageNotFound')),
    h(
      'p',
      {},
      h(
        'a',
        { class: 'btn', href: session ? `#/${homeOf(session.role)}` : '#/login' },
        t('notFound.home'),
      ),
    ),
  );
}

// Never a blank page: anything that escapes a screen is shown as a banner above it.
window.addEventListener('error', (event) =>
  main.prepend(errorBanner(event.error ?? event.message)),
);
window.addEventListener('unhandledrejection', (event) => main.prepend(errorBanner(event.reason)));

// The skip link must not touch the hash, which belongs to the router.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', render);
setLang(getLang());
startOffline(); // the service worker, and drafts sent when the signal returns
render();
