// A loan officer registers a family's application, often in the field, on a phone. The answer
// carries the family's code and PIN, shown here once and never again.
import { api } from '../api.js';
import { municipalityList, VALUE_CHAINS } from '../domain.js';
import { centsToString, money, normalizeMoneyInput, toCents } from '../format.js';
import { checkbox, field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { errorBanner, notice, pageTitle } from '../ui.js';

// Product limits (amount, term, grace) are data on the server and may change, so the form only
// checks the shape of what is typed and shows the default limits as hints; the server's 422
// answer, shown in the banner, is the authority.

export function render(root, ctx) {
  const f = {
    name: field({
      label: t('newApp.name'),
      name: 'name',
      required: true,
      maxlength: '120',
      autocomplete: 'off',
    }),
    documentId: field({
      label: t('newApp.documentId'),
      name: 'documentId',
      required: true,
      inputmode: 'numeric',
      maxlength: '11',
      autocomplete: 'off',
    }),
    municipality: field({
      label: t('newApp.municipality'),
      name: 'municipality',
      required: true,
      maxlength: '120',
      list: 'new-municipalities',
      autocomplete: 'off',
    }),
    valueChain: field({
      label: t('newApp.valueChain'),
      name: 'valueChain',
      required: true,
      options: [['', t('newApp.choose')], ...VALUE_CHAINS.map((v) => [v, t(`valueChain.${v}`)])],
    }),
    years: field({
      label: t('newApp.years'),
      name: 'yearsInActivity',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '0',
      max: '80',
    }),
    amount: field({
      label: t('newApp.amount'),
      name: 'amount',
      kind: 'money',
      required: true,
      hint: t('newApp.amountHint'),
    }),
    term: field({
      label: t('newApp.term'),
      name: 'termMonths',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '1',
      hint: t('newApp.termHint'),
    }),
    grace: field({
      label: t('newApp.grace'),
      name: 'graceMonths',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '0',
      value: '0',
      hint: t('newApp.graceHint'),
    }),
    purpose: field({
      label: t('newApp.purpose'),
      name: 'purpose',
      textarea: true,
      required: true,
      maxlength: '2000',
    }),
    collateral: field({
      label: t('newApp.collateral'),
      name: 'collateralValue',
      kind: 'money',
      required: true,
      value: '0.00',
      hint: t('newApp.collateralHint'),
    }),
    description: field({
      label: t('newApp.innovationDescription'),
      name: 'description',
      textarea: true,
      required: true,
      maxlength: '2000',
    }),
    cost: field({ label: t('newApp.innovationCost'), name: 'cost', kind: 'money', required: true }),
    grant: field({
      label: t('newApp.grantRequested'),
      name: 'grantRequested',
      kind: 'money',
      required: true,
      value: '0.00',
      hint: t('newApp.grantHint'),
    }),
    revenue: field({
      label: t('newApp.revenue'),
      name: 'monthlyRevenue',
      kind: 'money',
      required: true,
    }),
    costs: field({ label: t('newApp.costs'), name: 'monthlyCosts', kind: 'money', required: true }),
    household: field({
      label: t('newApp.household'),
      name: 'householdExpenses',
      kind: 'money',
      required: true,
    }),
    otherDebt: field({
      label: t('newApp.otherDebt'),
      name: 'otherDebtPayments',
      kind: 'money',
      required: true,
      value: '0.00',
    }),
  };
  const womenLed = checkbox({ label: t('newApp.womenLed'), name: 'womenLed' });
  const association = checkbox({ label: t('newApp.associationMember'), name: 'associationMember' });
  const hasInnovation = checkbox({
    label: t('newApp.hasInnovation'),
    name: 'hasInnovation',
    checked: true,
  });

  const grantMax = h('p', { class: 'field__hint', 'aria-live': 'polite' });
  const surplus = h('p', { class: 'surplus', 'aria-live': 'polite' });
  const innovationBox = h(
    'div',
    { class: 'field-group' },
    f.description.el,
    f.cost.el,
    f.grant.el,
    grantMax,
  );
  const feedback = h('div', {});
  const button = submitButton(t('newApp.submit'));
  // One key for the life of this form: a double tap, or a retry after a lost answer, creates
  // one application, not two.
  const submitter = idempotentSubmitter(button, t('newApp.submitting'));

  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.enterprise')),
      f.name.el,
      f.documentId.el,
      f.municipality.el,
      municipalityList('new-municipalities'),
      f.valueChain.el,
      womenLed.el,
      association.el,
      f.years.el,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.request')),
      f.amount.el,
      f.term.el,
      f.grace.el,
      f.purpose.el,
      f.collateral.el,
    ),
    h('fieldset', {}, h('legend', {}, t('newApp.innovation')), hasInnovation.el, innovationBox),
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.cashflow')),
      f.revenue.el,
      f.costs.el,
      f.household.el,
      f.otherDebt.el,
      surplus,
    ),
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  // Live helpers: the grant ceiling for the cost typed, and the family's net surplus.
  function updateHelpers() {
    innovationBox.hidden = !hasInnovation.input.checked;
    const cost = toCents(normalizeMoneyInput(f.cost.input.value));
    if (cost !== null) {
      const forty = (cost * 40n + 50n) / 100n; // 40 % of the cost, rounded half-up to the céntimo
      const ceiling = forty < 500000n ? forty : 500000n; // at most S/ 5,000.00
      grantMax.textContent = t('newApp.grantMax', { amount: money(centsToString(ceiling)) });
    } else grantMax.textContent = '';
    const flows = [f.revenue, f.costs, f.household, f.otherDebt].map((x) =>
      toCents(normalizeMoneyInput(x.input.value)),
    );
    if (flows.every((v) => v !== null)) {
      const net = flows[0] - flows[1] - flows[2] - flows[3];
      surplus.textContent = t('newApp.surplus', { amount: money(centsToString(net)) });
      surplus.classList.toggle('negative', net <= 0n);
    } else surplus.textContent = '';
  }
  form.addEventListener('input', updateHelpers);
  hasInnovation.input.addEventListener('change', updateHelpers);
  updateHelpers();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const { body, problems } = readForm(f, { womenLed, association, hasInnovation });
    Object.values(f).forEach((x) => x.setError(null));
    if (problems.length) {
      problems.forEach(([x, message]) => x.setError(message));
      mount(feedback, notice('error', h('p', { role: 'alert' }, t('errors.formInvalid'))));
      problems[0][0].input.focus();
      return;
    }
    try {
      const created = await submitter.run((key) =>
        api('/applications', { method: 'POST', body, idempotencyKey: key }),
      );
      if (created) showCreated(root, ctx, created);
    } catch (error) {
      mount(feedback, errorBanner(error));
      feedback.scrollIntoView({ block: 'center' });
    }
  });

  mount(root, pageTitle(t('newApp.title'), h('p', { class: 'muted' }, t('newApp.intro'))), form);
}

/** The API body from the form, exactly as API.md describes it, plus the fields to fix. */
function readForm(f, { womenLed, association, hasInnovation }) {
  const problems = [];
  const text = (x, max) => {
    const value = x.input.value.trim();
    if (!value) problems.push([x, t('newApp.bad.required')]);
    else if (value.length > max) problems.push([x, t('newApp.bad.tooLong', { n: max })]);
    return value;
  };
  const amount = (x) => {
    const value = normalizeMoneyInput(x.input.value);
    if (value === null)
      problems.push([x, x.input.value.trim() ? t('newApp.bad.money') : t('newApp.bad.required')]);
    return value;
  };
  const integer = (x, min, max) => {
    const raw = x.input.value.trim();
    const value = Number(raw);
    if (!raw || !Number.isInteger(value)) {
      problems.push([x, raw ? t('newApp.bad.integer') : t('newApp.bad.required')]);
      return null;
    }
    if (value < min || value > max) problems.push([x, t('newApp.bad.range', { min, max })]);
    return value;
  };

  const documentId = f.documentId.input.value.replace(/\s+/g, '');
  if (!/^(\d{8}|\d{11})$/.test(documentId)) problems.push([f.documentId, t('newApp.bad.document')]);
  const enterprise = {
    name: text(f.name, 120),
    documentId,
    municipality: text(f.municipality, 120),
    valueChain: f.valueChain.input.value,
    womenLed: womenLed.input.checked,
    associationMember: association.input.checked,
    yearsInActivity: integer(f.years, 0, 80),
  };
  if (!enterprise.valueChain) problems.push([f.valueChain, t('newApp.bad.required')]);
  const request = {
    amount: amount(f.amount),
    termMonths: integer(f.term, 1, 600),
    graceMonths: integer(f.grace, 0, 600),
    purpose: text(f.purpose, 2000),
    collateralValue: amount(f.collateral),
  };
  if (
    Number.isInteger(request.termMonths) &&
    Number.isInteger(request.graceMonths) &&
    request.graceMonths >= request.termMonths
  ) {
    problems.push([f.grace, t('newApp.bad.graceTerm')]);
  }
  if (hasInnovation.input.checked) {
    request.innovation = {
      description: text(f.description, 2000),
      cost: amount(f.cost),
      grantRequested: amount(f.grant),
    };
  }
  const cashflow = {
    monthlyRevenue: amount(f.revenue),
    monthlyCosts: amount(f.costs),
    householdExpenses: amount(f.household),
    otherDebtPayments: amount(f.otherDebt),
  };
  // Put problems in the order of the form, so focus goes to the first one on screen.
  const order = Object.values(f);
  problems.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  return { body: { enterprise, request, cashflow }, problems };
}

/** The code and PIN, large, once. Nothing keeps the PIN: leaving this screen forgets it. */
function showCreated(root, ctx, created) {
  mount(
    root,
    pageTitle(t('newApp.doneTitle')),
    h(
      'section',
      { class: 'card credentials', 'aria-labelledby': 'cred-note' },
      h('p', { class: 'credentials__note', id: 'cred-note', role: 'alert' }, t('newApp.doneNote')),
      h(
        'dl',
        { class: 'credentials__list' },
        h(
          'div',
          {},
          h('dt', {}, t('newApp.reference')),
          h('dd', { class: 'mono' }, created.reference ?? ''),
        ),
        h(
          'div',
          {},
          h('dt', {}, t('newApp.pin')),
          h('dd', { class: 'mono' }, spacedPin(created.pin)),
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        created.enterprise?.name ?? '',
        ' · ',
        money(created.request?.amount),
      ),
    ),
    h(
      'div',
      { class: 'form__actions' },
      created.id
        ? h('a', { class: 'btn', href: `#/applications/${created.id}` }, t('newApp.seeApplication'))
        : null,
      h(
        'button',
        { type: 'button', class: 'btn btn--primary', onClick: () => render(root, ctx) },
        t('newApp.another'),
      ),
    ),
  );
  root.querySelector('h1')?.focus();
}

/** "482913" → "482 913": easier to read aloud and to copy by hand. */
function spacedPin(pin) {
  const text = String(pin ?? '');
  return /^\d{6}$/.test(text) ? `${text.slice(0, 3)} ${text.slice(3)}` : text;
}
