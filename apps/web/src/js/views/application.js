// One application for staff: the family, the request, the cash flow, the score explained, the
// history, and — when it is this person's turn — the decision form.
import { api } from '../api.js';
import { dateTime, money, percent } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { canDecide, decisionForm } from '../components/decision-form.js';
import { canResubmit, resubmitForm } from '../components/resubmit-form.js';
import { timeline } from '../components/timeline.js';
import { card, errorBanner, facts, loading, pageTitle, scoreBadge, statusBadge } from '../ui.js';

export async function render(root, ctx, flashNode = null) {
  const body = h('div', {}, loading());
  mount(
    root,
    h('p', { class: 'back' }, h('a', { href: backHref(ctx) }, '← ', t('common.back'))),
    body,
  );
  try {
    const application = await api(`/applications/${encodeURIComponent(ctx.params.id)}`);
    if (!ctx.isCurrent()) return;
    mount(body, detail(application, ctx, flashNode, root));
    body.querySelector('h1')?.focus();
  } catch (error) {
    mount(
      body,
      pageTitle(t('detail.title', { ref: '' })),
      errorBanner(error, { onRetry: () => render(root, ctx) }),
    );
  }
}

function backHref(ctx) {
  return ctx.session.role === 'fund_manager' ? '#/approvals' : '#/queue';
}

const yesNo = (value) => (value ? t('common.yes') : t('common.no'));

/**
 * A score reason code (CAPACITY, NO_HISTORY…) as a plain sentence; a code this version does not
 * know reads as "another factor", never as the code.
 * @param {string} code
 * @returns {string}
 */
export function reasonSentence(code) {
  return tOr(`reasons.${code}`, t('reasons.unknown'));
}

/** @param {string[] | null | undefined} reasons */
export function reasonsList(reasons) {
  if (!reasons || reasons.length === 0) return h('p', { class: 'muted' }, t('detail.noReasons'));
  return h(
    'ul',
    { class: 'reasons' },
    reasons.map((code) => h('li', {}, reasonSentence(code))),
  );
}

function scoreCard(score) {
  if (!score) return card(t('detail.score'), h('p', { class: 'muted' }, t('detail.notScored')));
  const negative = String(score.netSurplus ?? '').startsWith('-');
  return card(
    t('detail.score'),
    h(
      'div',
      { class: 'score-head' },
      scoreBadge(score),
      h('span', { class: 'muted' }, t('detail.scoreOf', { value: score.value })),
    ),
    facts([
      [t('detail.installment'), money(score.installment)],
      [
        t('detail.netSurplus'),
        h('span', { class: negative ? 'negative' : null }, money(score.netSurplus)),
      ],
      [
        [t('detail.maxAffordable'), h('br'), h('small', {}, t('detail.maxAffordableHint'))],
        money(score.maxAffordableAmount),
      ],
      // The quote's total annual cost for the amount and term asked for (scores made before the
      // TCEA was quoted have none).
      score.tcea
        ? [
            [t('cost.tceaEstimated'), h('br'), h('small', {}, t('cost.tceaHint'))],
            percent(score.tcea),
          ]
        : null,
    ]),
    h('h3', { class: 'subhead' }, t('detail.reasons')),
    reasonsList(score.reasons),
    h('p', { class: 'muted small' }, t('detail.scorecard', { v: score.scorecardVersion ?? '' })),
  );
}

function decisionCard(decision) {
  if (!decision) return null;
  const kind = tOr(`decisionKind.${decision.decision}`, decision.decision);
  const at = dateTime(decision.at);
  return card(
    t('detail.decision'),
    h(
      'p',
      {},
      // The display name; a username is never shown (without a name, just what and when).
      decision.byName
        ? t('detail.decisionBy', { kind, by: decision.byName, at })
        : t('detail.decisionAt', { kind, at }),
    ),
    facts([
      decision.amount ? [t('detail.amount'), money(decision.amount)] : null,
      decision.termMonths
        ? [t('detail.term'), t('common.months', { n: decision.termMonths })]
        : null,
      decision.reason ? [t('decide.reason'), decision.reason, 'block'] : null,
    ]),
    decision.secondApprovalBy
      ? h(
          'p',
          {},
          decision.secondApprovalByName
            ? t('detail.secondApprovalBy', { by: decision.secondApprovalByName })
            : t('detail.secondApprovalGiven'),
        )
      : null,
  );
}

function detail(application, ctx, flashNode, root) {
  const e = application.enterprise ?? {};
  const r = application.request ?? {};
  const c = application.cashflow ?? {};
  const showForm = canDecide(ctx.session.role, application);
  // After a decision the answer is the updated application: draw it again with the outcome on top.
  const rerender = (updated, message) => {
    mount(
      root,
      h('p', { class: 'back' }, h('a', { href: backHref(ctx) }, '← ', t('common.back'))),
      detail(updated, ctx, message, root),
    );
    root.querySelector('h1')?.focus();
  };

  return h(
    'div',
    {},
    pageTitle(
      t('detail.title', { ref: application.reference }),
      h('p', {}, statusBadge(application.status)),
    ),
    flashNode,
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        { class: 'grid__main' },
        // On a phone the columns stack: the score first (what the officer weighs), then the
        // request and the family, then the decision form, then the history.
        scoreCard(application.score),
        card(
          t('detail.request'),
          facts([
            [t('detail.amount'), h('strong', {}, money(r.amount))],
            [t('detail.term'), t('common.months', { n: r.termMonths })],
            [t('detail.grace'), String(r.graceMonths ?? 0)],
            [t('detail.purpose'), r.purpose, 'block'],
            [t('detail.collateral'), money(r.collateralValue)],
            r.innovation ? [t('detail.innovation'), r.innovation.description, 'block'] : null,
            r.innovation ? [t('detail.innovationCost'), money(r.innovation.cost)] : null,
            r.innovation ? [t('detail.grantRequested'), money(r.innovation.grantRequested)] : null,
          ]),
        ),
        card(
          t('detail.enterprise'),
          facts([
            [t('detail.name'), e.name],
            [t('detail.documentId'), h('span', { class: 'mono' }, e.documentId ?? '')],
            [t('detail.municipality'), e.municipality],
            [t('detail.valueChain'), tOr(`valueChain.${e.valueChain}`, e.valueChain ?? '')],
            [t('detail.womenLed'), yesNo(e.womenLed)],
            [t('detail.associationMember'), yesNo(e.associationMember)],
            [t('detail.years'), String(e.yearsInActivity ?? '')],
          ]),
        ),
        card(
          t('detail.cashflow'),
          facts([
            [t('detail.revenue'), money(c.monthlyRevenue)],
            [t('detail.costs'), money(c.monthlyCosts)],
            [t('detail.household'), money(c.householdExpenses)],
            [t('detail.otherDebt'), money(c.otherDebtPayments)],
          ]),
        ),
      ),
      h(
        'div',
        { class: 'grid__side' },
        showForm
          ? decisionForm(application, {
              second: application.status === 'awaiting_second_approval',
              onDone: rerender,
            })
          : null,
        canResubmit(ctx.session.role, application)
          ? resubmitForm(application, { onDone: rerender })
          : null,
        decisionCard(application.decision),
        application.loanId
          ? card(
              t('detail.loan'),
              h(
                'p',
                {},
                h(
                  'a',
                  { class: 'btn', href: `#/loans/${application.loanId}` },
                  t('detail.seeLoan'),
                ),
              ),
            )
          : null,
        card(
          t('detail.timeline'),
          timeline(application.timeline, { audience: 'staff', status: application.status }),
        ),
      ),
    ),
  );
}
