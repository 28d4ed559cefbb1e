// The family's own page: where its application stands, in plain words, and its loan once paid out.
import { api } from '../api.js';
import { compareMoney, date, money } from '../format.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { familySchedule, nextAmountDue, nextInstallment } from '../components/schedule.js';
import { timeline } from '../components/timeline.js';
import { errorBanner, facts, loading, notice, pageTitle, statusBadge } from '../ui.js';

export async function render(root, ctx) {
  const body = h('div', {}, loading());
  mount(root, h('div', { class: 'family' }, pageTitle(t('family.title')), body));

  let applications;
  try {
    applications = await api('/me/applications');
  } catch (error) {
    if (ctx.isCurrent()) mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
    return;
  }
  const list = Array.isArray(applications) ? applications : (applications?.items ?? []);
  if (list.length === 0) return mount(body, notice('info', h('p', {}, t('family.none'))));

  const [latest, ...older] = list; // newest first
  mount(
    body,
    applicationPanel(latest),
    older.length
      ? h(
          'details',
          { class: 'card older' },
          h('summary', {}, t('family.olderTitle'), ` (${older.length})`),
          older.map((a) => applicationPanel(a, { compact: true })),
        )
      : null,
  );
}

/** The officer's note that goes with the current status (what to bring, why not approved). */
function currentNote(application) {
  const entries = application.timeline ?? [];
  const last = entries[entries.length - 1];
  if (last && last.status === application.status && last.note && last.by !== 'system')
    return last.note;
  if (['info_requested', 'rejected'].includes(application.status))
    return application.decision?.reason ?? null;
  return null;
}

function applicationPanel(application, { compact = false } = {}) {
  const { status, request = {}, decision } = application;
  const note = currentNote(application);
  const showCallout =
    Boolean(note) && ['info_requested', 'rejected', 'waitlisted'].includes(status);
  const approved = decision && decision.decision === 'approve';
  const loanBox = h('div', {});
  if (application.loanId) loadLoan(loanBox, application.loanId);

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
      request.purpose ? [t('family.purpose'), request.purpose, 'block'] : null,
    ]),
    h('h2', { class: 'section-title' }, t('family.timelineTitle')),
    timeline(application.timeline, {
      audience: 'family',
      status,
      shownElsewhere: showCallout ? note : null,
    }),
    loanBox,
  );
}

async function loadLoan(box, loanId) {
  mount(box, h('h2', { class: 'section-title' }, t('family.loanTitle')), loading());
  try {
    const loan = await api(`/loans/${encodeURIComponent(loanId)}`);
    mount(box, h('h2', { class: 'section-title' }, t('family.loanTitle')), familyLoan(loan));
  } catch (error) {
    // Loans are served by a service still being built: say so kindly, keep the page.
    mount(
      box,
      h('h2', { class: 'section-title' }, t('family.loanTitle')),
      error.status === 404 || error.status === 503
        ? notice('info', h('p', {}, t('family.loanUnavailable')))
        : errorBanner(error, { onRetry: () => loadLoan(box, loanId) }),
    );
  }
}

function familyLoan(loan) {
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
    ]),
    h('h3', { class: 'section-title' }, t('family.scheduleTitle')),
    familySchedule(loan),
  );
}
