// The three pots of money: the guarantee fund (capital against exposure, leverage), the innovation
// fund (grant budget) and the lending pool — and, for the fund manager, adding money to the first two.
import { api } from '../api.js';
import { addMoney, decimal, money, normalizeMoneyInput, percent, ratio } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { kpi, kpis } from '../components/kpi.js';
import { card, errorBanner, facts, loading, notice, pageTitle } from '../ui.js';

export async function render(root, ctx) {
  const figures = h('div', {}, loading());
  const canAdd = ctx.session.role === 'fund_manager';
  const redraw = (funds, message) => mount(figures, message, fundsView(funds));
  mount(
    root,
    pageTitle(t('funds.title')),
    figures,
    canAdd
      ? h(
          'div',
          { class: 'grid grid--two' },
          topUpForm(t('funds.addCapital'), '/funds/guarantee/capital', redraw),
          topUpForm(t('funds.addBudget'), '/funds/innovation/budget', redraw),
        )
      : h('p', { class: 'muted' }, t('funds.readOnly')),
  );
  try {
    const funds = await api('/funds');
    if (ctx.isCurrent()) redraw(funds, null);
  } catch (error) {
    mount(figures, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}

/**
 * part ÷ whole as a percentage for the person ("95.81 %"), computed exactly from the two decimal
 * strings; "—" when there is no whole.
 */
function shareText(part, whole) {
  const value = ratio(part, whole, 4);
  return value === null ? t('common.none') : percent(value);
}

/**
 * A bar showing part of a whole (leverage against its limit, budget used). The exact ratio of two
 * decimal strings becomes a number only to set a width on screen.
 */
function meter(label, part, whole, tone) {
  const exact = ratio(part, whole, 4);
  const fraction = exact === null ? 0 : Math.min(1, Math.max(0, Number(exact)));
  const level = tone ?? (fraction >= 0.9 ? 'danger' : fraction >= 0.75 ? 'warn' : 'ok');
  return h(
    'div',
    { class: 'meter' },
    h(
      'div',
      {
        class: 'meter__track',
        role: 'img',
        'aria-label': `${label}: ${shareText(part, whole)}`,
      },
      h('div', {
        class: `meter__fill meter__fill--${level}`,
        style: `width: ${(fraction * 100).toFixed(1)}%`,
      }),
    ),
  );
}

function fundsView(funds) {
  const g = funds?.guarantee ?? {};
  const i = funds?.innovation ?? {};
  const p = funds?.lendingPool ?? {};
  // A grant is committed at approval and moves to disbursed when it is paid out with the loan: the
  // budget used is both (the committed part alone falls to zero once the grants are paid).
  const used = addMoney(i.committed, i.disbursed);
  return h(
    'div',
    { class: 'grid grid--three' },
    card(
      t('funds.guarantee'),
      kpis([kpi(t('funds.headroom'), money(g.headroom))]),
      h(
        'p',
        { class: 'meter__label' },
        t('funds.leverage'),
        ': ',
        h(
          'strong',
          {},
          t('funds.leverageOf', {
            value: decimal(g.leverage),
            limit: decimal(g.leverageLimit).replace(/\.?0+$/, ''),
          }),
        ),
      ),
      meter(t('funds.leverage'), g.leverage, g.leverageLimit),
      facts([
        [t('funds.capital'), money(g.capital)],
        [t('funds.feesEarned'), money(g.feesEarned)],
        [t('funds.recoveries'), money(g.recoveries)],
        [t('funds.claimsPaid'), money(g.claimsPaid)],
        [t('funds.availableCapital'), h('strong', {}, money(g.availableCapital))],
        [t('funds.exposure'), money(g.exposure)],
      ]),
    ),
    card(
      t('funds.innovation'),
      kpis([kpi(t('funds.available'), money(i.available))]),
      h(
        'p',
        { class: 'meter__label' },
        t('funds.used'),
        ': ',
        h('strong', {}, money(used)),
        ' / ',
        money(i.budget),
        ' ',
        h('span', { class: 'funds__used-share' }, `(${shareText(used, i.budget)})`),
      ),
      meter(t('funds.used'), used, i.budget),
      facts([
        [t('funds.budget'), money(i.budget)],
        [t('funds.committed'), money(i.committed)],
        [t('funds.disbursed'), money(i.disbursed)],
      ]),
    ),
    card(
      t('funds.lendingPool'),
      kpis([kpi(t('funds.poolOutstanding'), money(p.outstanding))]),
      facts([
        [t('funds.poolDisbursed'), money(p.disbursed)],
        [t('funds.repaidPrincipal'), money(p.repaidPrincipal)],
      ]),
    ),
  );
}

function topUpForm(title, path, redraw) {
  const amount = field({ label: t('funds.amount'), name: 'amount', kind: 'money', required: true });
  const reference = field({
    label: t('funds.reference'),
    name: 'reference',
    required: true,
    maxlength: '200',
    autocomplete: 'off',
  });
  const feedback = h('div', {});
  const button = submitButton(t('funds.submit'));
  // Adding capital twice by a double tap would be a real mistake: one key per form, renewed
  // only after a success (a new top-up) or a refusal.
  const submitter = idempotentSubmitter(button, t('funds.submitting'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    amount.el,
    reference.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const body = {
      amount: normalizeMoneyInput(amount.input.value),
      reference: reference.input.value.trim(),
    };
    amount.setError(body.amount ? null : t('newApp.bad.money'));
    reference.setError(body.reference ? null : t('newApp.bad.required'));
    if (!body.amount) return amount.input.focus();
    if (!body.reference) return reference.input.focus();
    try {
      const funds = await submitter.run((key) =>
        api(path, { method: 'POST', body, idempotencyKey: key }),
      );
      if (!funds) return;
      submitter.renewKey();
      form.reset();
      mount(feedback, notice('success', h('p', {}, t('funds.done'))));
      redraw(funds, null);
    } catch (error) {
      mount(feedback, errorBanner(error));
    }
  });
  return card(title, form);
}
