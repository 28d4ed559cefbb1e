// The family's own page: where its application stands, in plain words, and its loan once paid out:
// what it received (the approved amount, less the guarantee fee, plus the grant or why there was
// none), its true cost (the TCEA) and the printable hoja resumen, the next installment and the
// schedule — after a reprogramming the new one, with the step on the timeline saying why and what it
// pays next. The page is kept on the phone after each visit
// (offline/family-copy.js) and shown from there, with its date, when there is no signal.
import { api, nameFromToken } from '../api.js';
import { compareMoney, date, dateTime, money, percent } from '../format.js';
import { has, t } from '../i18n.js';
import { h, mount } from '../render.js';
import { familySchedule, nextAmountDue, nextInstallment } from '../components/schedule.js';
import { amountReceived, summaryButton } from '../components/summary-sheet.js';
import { FAMILY_DETAILS, personalNote, timeline } from '../components/timeline.js';
import { readFamilyCopy, saveFamilyCopy } from '../offline/family-copy.js';
import { errorBanner, facts, loading, notice, pageTitle, statusBadge } from '../ui.js';

/**
 * @typedef {object} FamilyData
 * @property {any[]} applications newest first
 * @property {Record<string, any>} loans each application's loan, by id
 * @property {Record<string, any>} [failures] the loans that could not be read, by id (the error)
 */

export async function render(root, ctx) {
  // The reference the family signed in with: the token's name (the session's is for greeting).
  const reference = nameFromToken(ctx.session?.token ?? '') ?? '';
  const body = h('div', {}, loading());
  mount(root, h('div', { class: 'family' }, pageTitle(t('family.title')), body));
  const retry = () => render(root, ctx);

  /** @type {FamilyData} */
  let data;
  try {
    data = await loadFamily();
  } catch (error) {
    if (!ctx.isCurrent()) return;
    // No answer at all (no signal, a timeout): the last copy kept on this phone, if any.
    const copy = error?.status === 0 ? await readFamilyCopy(reference) : null;
    if (!ctx.isCurrent()) return;
    if (!copy) return mount(body, errorBanner(error, { onRetry: retry }));
    // Back online: the live page again, by itself.
    window.addEventListener('online', () => ctx.isCurrent() && retry(), { once: true });
    return mount(
      body,
      offlineBanner(
        copy.savedAt,
        h('button', { type: 'button', class: 'btn btn--small', onClick: retry }, t('common.retry')),
      ),
      familyPage(copy),
    );
  }
  if (!ctx.isCurrent()) return;
  const complete = Object.keys(data.failures ?? {}).length === 0;
  mount(
    body,
    familyPage(data, { onRetry: retry }),
    complete ? h('p', { class: 'muted small family-copy-note' }, t('familyCopy.kept')) : null,
  );
  // Only a page that loaded in full replaces the copy: half a page is worse than yesterday's.
  if (complete) await saveFamilyCopy(reference, data);
}

/**
 * The family's applications and each one's loan. A request that gets no answer (status 0) fails
 * the whole load, so the page falls back to its saved copy; a loan the server refuses or cannot
 * give now is left in `failures`.
 * @returns {Promise<FamilyData>}
 */
async function loadFamily() {
  const answer = await api('/me/applications');
  const applications = Array.isArray(answer) ? answer : (answer?.items ?? []);
  /** @type {Record<string, any>} */
  const loans = {};
  /** @type {Record<string, any>} */
  const failures = {};
  await Promise.all(
    applications
      .filter((application) => application.loanId)
      .map(async ({ loanId }) => {
        try {
          loans[loanId] = await api(`/loans/${encodeURIComponent(loanId)}`);
        } catch (error) {
          if (error?.status === 0) throw error;
          failures[loanId] = error;
        }
      }),
  );
  return { applications, loans, failures };
}

/**
 * The sign-in screen's way to the saved copy when there is no signal: shows the family's page as
 * it was last saved on this phone for `reference`, with a button back to the sign-in form.
 * Resolves to false when there is no copy for that reference.
 * @param {HTMLElement} root
 * @param {string} reference
 * @param {{ go: (path: string) => void }} ctx
 * @returns {Promise<boolean>}
 */
export async function showSavedCopy(root, reference, ctx) {
  const copy = await readFamilyCopy(reference);
  if (!copy) return false;
  mount(
    root,
    h(
      'div',
      { class: 'family family--copy' },
      pageTitle(t('family.title')),
      offlineBanner(
        copy.savedAt,
        h(
          'button',
          { type: 'button', class: 'btn btn--small', onClick: () => ctx.go('login') },
          t('familyCopy.backToSignIn'),
        ),
      ),
      familyPage(copy),
    ),
  );
  root.querySelector('h1')?.focus();
  return true;
}

/**
 * "Ver la última copia guardada" for the family sign-in form: shown while there is no network
 * (the browser says so, or a sign-in just got no answer) and this phone has a copy for the
 * reference typed. `reference()` reads the typed reference (normalized); `onOpen` opens the copy.
 * @param {{ input: HTMLInputElement, reference: () => string, onOpen: (reference: string) => void }} options
 * @returns {{ el: HTMLElement, networkDown: () => void }}
 */
export function savedCopyLink({ input, reference, onOpen }) {
  const box = h('div', { class: 'saved-copy-link', 'aria-live': 'polite' });
  let noAnswer = false;
  let checks = 0;
  const refresh = async () => {
    const check = ++checks;
    const offline = noAnswer || navigator.onLine === false;
    const ref = offline ? reference() : '';
    const copy = ref ? await readFamilyCopy(ref) : null;
    if (check !== checks) return; // a later keystroke already answered
    mount(
      box,
      copy
        ? h(
            'p',
            { class: 'saved-copy-link__row' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn--ghost saved-copy-link__button',
                onClick: () => onOpen(copy.reference),
              },
              t('familyCopy.open'),
            ),
            ' ',
            h(
              'span',
              { class: 'muted small' },
              t('familyCopy.savedOn', { when: dateTime(copy.savedAt) }),
            ),
          )
        : null,
    );
  };
  // The window's events outlive this form: each handler leaves once the form is gone.
  const onNetwork = (event) => {
    if (!box.isConnected) {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      return;
    }
    if (event.type === 'online') noAnswer = false;
    refresh();
  };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  input.addEventListener('input', refresh);
  refresh();
  return {
    el: box,
    networkDown: () => {
      noAnswer = true;
      refresh();
    },
  };
}

/** "Sin conexión: datos del 2 dic. 2026, 10:15", what it means, and what the person can do. */
function offlineBanner(savedAt, action) {
  return h(
    'div',
    { class: 'banner banner--warning offline-banner', role: 'status' },
    h('p', { class: 'banner__lead' }, t('familyCopy.offline', { when: dateTime(savedAt) })),
    h('p', { class: 'banner__detail' }, t('familyCopy.offlineHelp')),
    action,
  );
}

/**
 * @param {FamilyData} data
 * @param {{ onRetry?: () => void }} [options]
 */
function familyPage(data, { onRetry } = {}) {
  const list = data.applications ?? [];
  if (list.length === 0) return notice('info', h('p', {}, t('family.none')));
  const [latest, ...older] = list; // newest first
  const panel = (application, compact = false) =>
    applicationPanel(application, {
      compact,
      loan: application.loanId ? data.loans?.[application.loanId] : null,
      failure: application.loanId ? data.failures?.[application.loanId] : null,
      onRetry,
    });
  return [
    panel(latest),
    older.length
      ? h(
          'details',
          { class: 'card older' },
          h('summary', {}, t('family.olderTitle'), ` (${older.length})`),
          older.map((a) => panel(a, true)),
        )
      : null,
  ];
}

/** The officer's note that goes with the current status (what to bring, why not approved). */
function currentNote(application) {
  const entries = application.timeline ?? [];
  const last = entries[entries.length - 1];
  if (last && last.status === application.status && personalNote(last)) return personalNote(last);
  if (['info_requested', 'rejected'].includes(application.status))
    return application.decision?.reason ?? null;
  return null;
}

/** Whether an amount is more than zero (a missing one is not). */
const positive = (value) => value !== null && value !== undefined && compareMoney(value, '0') > 0;

function applicationPanel(application, { compact = false, loan, failure, onRetry }) {
  const { status, request = {}, decision } = application;
  const note = currentNote(application);
  const showCallout =
    Boolean(note) && ['info_requested', 'rejected', 'waitlisted'].includes(status);
  const approved = decision && decision.decision === 'approve';
  const grantRequested = request.innovation?.grantRequested;

  return h(
    'article',
    { class: ['card', 'status-card', `status-card--${status}`, compact && 'status-card--compact'] },
    h(
      'p',
      { class: 'status-card__ref' },
      t('family.reference'),
      ' ',
      h('strong', {}, application.reference),
    ),
    h('p', { class: 'status-card__status' }, statusBadge(status)),
    h('p', { class: 'status-card__help' }, t(`statusHelp.${status}`)),
    showCallout
      ? h(
          'div',
          { class: 'callout' },
          h('p', { class: 'callout__label' }, t('family.noteFromOfficer')),
          h('p', {}, note),
        )
      : null,
    facts([
      [t('family.requested'), money(request.amount)],
      approved && decision.amount ? [t('family.approvedAmount'), money(decision.amount)] : null,
      [
        t('family.term'),
        t('common.months', { n: (approved && decision.termMonths) || request.termMonths }),
      ],
      // Before the payout: the grant asked for (whether it is given is known at the payout).
      !application.loanId && positive(grantRequested)
        ? [t('familyMoney.grantRequested'), money(grantRequested)]
        : null,
      request.purpose ? [t('family.purpose'), request.purpose, 'block'] : null,
    ]),
    !application.loanId && positive(grantRequested) && !['rejected'].includes(status)
      ? h('p', { class: 'muted small' }, t('familyMoney.grantRequestedHelp'))
      : null,
    h('h2', { class: 'section-title' }, t('family.timelineTitle')),
    timeline(application.timeline, {
      audience: 'family',
      status,
      shownElsewhere: showCallout ? note : null,
      // The money card below says the payout in full: the timeline does not repeat it.
      detailCodes: application.loanId
        ? FAMILY_DETAILS.filter((code) => code !== 'DISBURSED')
        : FAMILY_DETAILS,
    }),
    application.loanId ? loanSection(application, loan, failure, onRetry) : null,
  );
}

function loanSection(application, loan, failure, onRetry) {
  const title = h('h2', { class: 'section-title' }, t('family.loanTitle'));
  const summary = payoutSummary(application, loan);
  if (loan) return h('div', {}, title, familyLoan(loan, summary));
  // The loan cannot be read now: what the payout step of the timeline says, and a kind word.
  return h(
    'div',
    {},
    title,
    summary ? payoutCard(summary) : null,
    failure && failure.status !== 404 && failure.status !== 503 && onRetry
      ? errorBanner(failure, { onRetry })
      : notice('info', h('p', {}, t('family.loanUnavailable'))),
  );
}

/**
 * The payout step of the timeline, with its figures (`detail.code === 'DISBURSED'`), if the
 * server sends it.
 */
export function disbursedDetail(application) {
  const entries = Array.isArray(application?.timeline) ? application.timeline : [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i]?.detail?.code === 'DISBURSED') return entries[i].detail;
  }
  return null;
}

/**
 * @typedef {object} PayoutSummary
 * @property {string} principal the amount approved and lent
 * @property {string} guaranteeFee deducted at the payout
 * @property {string} grant the matching grant paid with the loan ("0.00" when none)
 * @property {string} payout what the family received: principal − fee + grant
 * @property {string} grantRequested what the family asked for ("0.00" when nothing)
 * @property {any} refusal why the grant was not given ({ code, requested, … }), or null
 */

/**
 * What the family received, from the loan and the timeline's payout step (either may be missing:
 * the loan's figures win, the refusal comes from the timeline). The amount received is the
 * server's; computed in exact céntimos only when no answer carries it.
 * @returns {PayoutSummary | null} null before the payout
 */
export function payoutSummary(application, loan) {
  const detail = disbursedDetail(application);
  const principal = loan?.principal ?? detail?.principal;
  const guaranteeFee = loan?.guaranteeFee ?? detail?.guaranteeFee;
  if (!principal || !guaranteeFee) return null;
  const grant = loan?.grant ?? detail?.grant ?? '0.00';
  const payout = amountReceived({
    principal,
    guaranteeFee,
    grant,
    payout: loan?.payout ?? detail?.payout,
  });
  const grantRequested =
    detail?.grantRequested ?? application?.request?.innovation?.grantRequested ?? '0.00';
  const refusal = positive(grant) ? null : (detail?.grantRefusal ?? null);
  return { principal, guaranteeFee, grant, payout, grantRequested, refusal };
}

/**
 * Why the grant asked for was not given, in the family's words, or null when it was given or
 * nobody says why.
 * @param {any} refusal
 * @returns {string | null}
 */
export function refusalSentence(refusal) {
  if (!refusal || typeof refusal !== 'object') return null;
  const params = {
    requested: money(refusal.requested),
    available: money(refusal.available),
    limit: money(refusal.limit),
    remaining: money(refusal.remaining),
  };
  const key = `familyMoney.refusal.${refusal.code}`;
  return has(key) ? t(key, params) : t('familyMoney.refusal.other', params);
}

/** The money of the payout: approved, fee (and what it is for), grant or why none, received. */
function payoutCard(summary) {
  const withGrant = positive(summary.grant);
  const refusal = refusalSentence(summary.refusal);
  const askedForGrant = positive(summary.grantRequested) || Boolean(summary.refusal);
  /** @param {string[]} classes @param {string} label @param {string} value @param {string} [help] */
  const row = (classes, label, value, help) =>
    h(
      'div',
      { class: ['payout__row', ...classes] },
      h('dt', {}, label),
      h('dd', { class: 'payout__amount' }, value),
      help ? h('dd', { class: 'payout__help' }, help) : null,
    );
  return h(
    'section',
    { class: 'payout' },
    h('h3', { class: 'payout__title' }, t('familyMoney.title')),
    h(
      'dl',
      { class: 'payout__facts' },
      row(['payout__row--approved'], t('familyMoney.approved'), money(summary.principal)),
      row(
        ['payout__row--fee'],
        t('familyMoney.fee'),
        money(summary.guaranteeFee),
        t('familyMoney.feeHelp'),
      ),
      withGrant || askedForGrant
        ? row(
            withGrant ? ['payout__row--grant'] : ['payout__row--grant', 'payout__row--refused'],
            t('familyMoney.grant'),
            money(summary.grant),
            withGrant ? t('familyMoney.grantHelp') : refusal,
          )
        : null,
      row(['payout__row--received'], t('familyMoney.received'), money(summary.payout)),
    ),
    h(
      'p',
      { class: 'payout__sum' },
      t(withGrant ? 'familyMoney.sum' : 'familyMoney.sumNoGrant', {
        approved: money(summary.principal),
        fee: money(summary.guaranteeFee),
        grant: money(summary.grant),
        received: money(summary.payout),
      }),
    ),
    h(
      'p',
      { class: 'payout__repay' },
      t(withGrant ? 'familyMoney.repayGrant' : 'familyMoney.repay', {
        approved: money(summary.principal),
      }),
    ),
  );
}

function familyLoan(loan, summary) {
  const next = nextInstallment(loan);
  const closed = loan.status === 'repaid';
  const dpd = Number(loan.daysPastDue) || 0;
  return h(
    'div',
    { class: 'loan-family' },
    closed
      ? notice('success', h('p', {}, t('family.repaid')))
      : dpd > 0
        ? notice(
            'warning',
            h('p', {}, dpd === 1 ? t('family.pastDueOne') : t('family.pastDue', { n: dpd })),
          )
        : notice('success', h('p', {}, t('family.upToDate'))),
    loan.reprogrammed && !closed ? notice('info', h('p', {}, t('reprogram.familyNotice'))) : null,
    next && !closed
      ? h(
          'div',
          { class: ['next-installment', next.status === 'overdue' && 'next-installment--overdue'] },
          h('p', { class: 'next-installment__label' }, t('family.nextInstallment')),
          h('p', { class: 'next-installment__amount' }, money(nextAmountDue(loan, next))),
          h(
            'p',
            { class: 'next-installment__date' },
            t('family.dueOn', { date: date(next.dueDate, 'long') }),
          ),
        )
      : null,
    facts([
      [
        t('family.outstanding'),
        h('strong', { class: 'big-figure' }, money(loan.outstandingPrincipal)),
      ],
      compareMoney(loan.moratoryInterestDue ?? '0', '0') > 0
        ? [t('family.moratoryDue'), money(loan.moratoryInterestDue)]
        : null,
      loan.tcea ? [t('cost.familyTcea'), percent(loan.tcea)] : null,
    ]),
    summary ? payoutCard(summary) : null,
    h('p', { class: 'family-summary' }, summaryButton(loan)),
    h('h3', { class: 'section-title' }, t('family.scheduleTitle')),
    familySchedule(loan),
  );
}
