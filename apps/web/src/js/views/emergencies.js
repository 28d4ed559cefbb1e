// Emergencies, for a fund manager: a frost, a drought, a flood or unrest hits whole districts, and
// declaring it reprograms every eligible loan there at once. The form (districts, optionally value
// chains, reason, extension, grace) is confirmed in a dialog that says what will happen; then the
// screen shows what it did — the loans reprogrammed (links to their pages) and those skipped, with
// why — and the emergencies declared so far, newest first, each with the same lists.
import { api } from '../api.js';
import { confirmAction } from '../components/confirm-dialog.js';
import {
  graceLabel,
  graceSentence,
  monthsLabel,
  reprogrammingTermsFields,
} from '../components/reprogram-form.js';
import { MUNICIPALITIES, VALUE_CHAINS } from '../domain.js';
import { count, date, dateTime, shortId } from '../format.js';
import { checkbox, field, idempotentSubmitter, submitButton } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import {
  card,
  errorBanner,
  facts,
  loading,
  notice,
  pageTitle,
  pagination,
  scrollTable,
} from '../ui.js';

const PAGE_SIZE = 20;
/** Loans read per district to name the ones an emergency reprogrammed (the API gives their ids). */
const LOANS_PER_DISTRICT = 100;

export async function render(root, ctx) {
  const page = Math.max(1, Number.parseInt(ctx.query.page, 10) || 1);
  const outcome = h('div', {});
  const list = h('div', {}, loading());
  const load = async () => {
    mount(list, loading());
    try {
      const result = await api('/emergencies', { query: { page, pageSize: PAGE_SIZE } });
      if (!ctx.isCurrent()) return;
      const items = result?.items ?? [];
      mount(
        list,
        items.length === 0
          ? notice('info', h('p', {}, t('emergencies.none')))
          : h(
              'ol',
              { class: 'emergency-list' },
              items.map((emergency) => h('li', {}, emergencyItem(emergency))),
            ),
        pagination(
          { page, pageSize: result?.pageSize ?? PAGE_SIZE, total: result?.total ?? items.length },
          (p) => ctx.go('emergencies', { page: p }),
        ),
      );
    } catch (error) {
      mount(list, errorBanner(error, { onRetry: load }));
    }
  };
  const onDeclared = async (emergency) => {
    const lists = await loanLists(emergency, 'h3');
    if (!ctx.isCurrent()) return;
    mount(
      outcome,
      notice('success', h('p', {}, t('emergencies.done', { name: emergency.name }))),
      card(null, emergencySummary(emergency), lists),
    );
    outcome.querySelector('.banner')?.scrollIntoView({ block: 'nearest' });
    load();
  };
  mount(
    root,
    pageTitle(t('emergencies.title'), h('p', { class: 'muted' }, t('emergencies.intro'))),
    declareForm({ onDeclared }),
    outcome,
    card(t('emergencies.listTitle'), list),
  );
  load();
}

/** A group of checkboxes in a fieldset: its legend, an optional hint, and an error for the group. */
function checkGroup(legend, name, options, hint = null) {
  const id = `${name}-group`;
  const boxes = options.map(([value, label]) => {
    const box = checkbox({ label, name });
    box.input.value = value;
    return box;
  });
  const error = h('p', { class: 'field__error', id: `${id}-error`, 'aria-live': 'polite' });
  const el = h(
    'fieldset',
    {
      class: 'check-group',
      'aria-describedby': [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '),
    },
    h('legend', {}, legend),
    hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : null,
    h(
      'div',
      { class: 'check-group__options' },
      boxes.map((box) => box.el),
    ),
    error,
  );
  el.addEventListener('change', () => (error.textContent = ''));
  return {
    el,
    values: () => boxes.filter((box) => box.input.checked).map((box) => box.input.value),
    first: () => boxes[0]?.input,
    setError: (message) => (error.textContent = message ?? ''),
  };
}

function declareForm({ onDeclared }) {
  const name = field({
    label: t('emergencies.name'),
    name: 'name',
    required: true,
    maxlength: '120',
    autocomplete: 'off',
    hint: t('emergencies.nameHint'),
  });
  const declaredOn = field({
    label: t('emergencies.declaredOn'),
    name: 'declaredOn',
    type: 'date',
    required: true,
    hint: t('emergencies.declaredOnHint'),
  });
  const districts = checkGroup(
    t('emergencies.districts'),
    'municipalities',
    MUNICIPALITIES.map((m) => [m, m]),
  );
  const chains = checkGroup(
    t('emergencies.valueChains'),
    'valueChains',
    VALUE_CHAINS.map((c) => [c, tOr(`valueChain.${c}`, c)]),
    t('emergencies.valueChainsHint'),
  );
  const terms = reprogrammingTermsFields();
  const feedback = h('div', {});
  const button = submitButton(t('emergencies.declare'));
  const submitter = idempotentSubmitter(button, t('emergencies.declaring'));
  const form = h(
    'form',
    { class: 'form emergency-form', novalidate: true },
    name.el,
    declaredOn.el,
    districts.el,
    chains.el,
    terms.els,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  // The business date is the day an emergency is declared on, unless the manager says otherwise.
  const businessDate = api('/admin/business-date')
    .then((r) => r?.businessDate ?? null)
    .catch(() => null);
  const fillDate = () =>
    businessDate.then((day) => {
      if (day && !declaredOn.input.value) declaredOn.input.value = day;
    });
  fillDate();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const valueChains = chains.values();
    const body = {
      name: name.input.value.trim(),
      declaredOn: declaredOn.input.value,
      municipalities: districts.values(),
      // None ticked: every value chain (the field is left out, as API.md allows).
      ...(valueChains.length ? { valueChains } : {}),
      ...terms.read(),
    };
    name.setError(body.name ? null : t('emergencies.needName'));
    declaredOn.setError(
      /^\d{4}-\d{2}-\d{2}$/.test(body.declaredOn) ? null : t('emergencies.needDate'),
    );
    districts.setError(body.municipalities.length ? null : t('emergencies.needDistrict'));
    const badTerm = terms.check();
    const firstBad =
      [name, declaredOn].find((f) => f.input.getAttribute('aria-invalid'))?.input ??
      (body.municipalities.length ? null : districts.first()) ??
      badTerm?.input;
    if (firstBad) return firstBad.focus();

    const where = body.municipalities.join(', ');
    const sure = await confirmAction({
      title: t('emergencies.confirmTitle', { name: body.name, districts: where }),
      body: [
        t('emergencies.confirmEffect', { districts: where }),
        valueChains.length
          ? t('emergencies.confirmChains', {
              chains: valueChains.map((c) => tOr(`valueChain.${c}`, c)).join(', '),
            })
          : null,
        t('emergencies.confirmTerms', { extension: monthsLabel(body.extensionMonths) }),
        graceSentence(body.graceMonths),
        t('emergencies.confirmSkipped'),
        h(
          'p',
          {},
          h('strong', {}, t('reprogram.reason')),
          ': ',
          tOr(`reprogram.reasons.${body.reason}`, body.reason),
        ),
      ].filter(Boolean),
      confirmLabel: t('emergencies.confirm'),
    });
    if (!sure) return;
    try {
      const emergency = await submitter.run((key) =>
        api('/emergencies', { method: 'POST', body, idempotencyKey: key }),
      );
      if (!emergency) return;
      // Declared: the next declaration is another emergency, with a key of its own.
      submitter.renewKey();
      form.reset();
      fillDate();
      await onDeclared(emergency);
    } catch (error) {
      mount(feedback, errorBanner(error));
    }
  });
  return card(t('emergencies.declareTitle'), form);
}

/** What an emergency covers and on which terms, and who declared it. */
function emergencySummary(emergency, heading = 'h2') {
  return [
    h(heading, { class: 'emergency__name' }, emergency.name),
    emergency.status === 'in_progress'
      ? notice('warning', h('p', {}, t('emergencies.inProgress')))
      : null,
    facts([
      [t('emergencies.declaredOn'), date(emergency.declaredOn)],
      [t('emergencies.districts'), (emergency.municipalities ?? []).join(', ')],
      [
        t('emergencies.valueChains'),
        emergency.valueChains?.length
          ? emergency.valueChains.map((c) => tOr(`valueChain.${c}`, c)).join(', ')
          : t('emergencies.allChains'),
      ],
      [t('reprogram.reason'), tOr(`reprogram.reasons.${emergency.reason}`, emergency.reason)],
      [t('reprogram.extensionCol'), monthsLabel(emergency.extensionMonths)],
      [t('reprogram.graceCol'), graceLabel(emergency.graceMonths)],
      [t('emergencies.reprogrammedTitle'), count((emergency.reprogrammed ?? []).length)],
      [t('emergencies.skippedTitle'), count((emergency.skipped ?? []).length)],
    ]),
    h(
      'p',
      { class: 'muted small' },
      t('emergencies.declaredBy', {
        by: emergency.declaredBy ?? t('common.none'),
        at: dateTime(emergency.declaredAt),
      }),
    ),
  ];
}

/** One emergency of the list; its loans are named when the person opens them. */
function emergencyItem(emergency) {
  const loans = h('div', {});
  const details = h(
    'details',
    { class: 'emergency__loans' },
    h('summary', {}, t('emergencies.see')),
    loans,
  );
  details.addEventListener('toggle', async () => {
    if (!details.open || loans.dataset.filled) return;
    loans.dataset.filled = '1';
    mount(loans, loading());
    mount(loans, await loanLists(emergency, 'h4'));
  });
  return h('article', { class: 'emergency' }, emergencySummary(emergency, 'h3'), details);
}

/**
 * The reference and family of each loan of the emergency's districts, by id (the emergency gives
 * the ids of the loans it reprogrammed): one list of loans per district. A district that cannot be
 * read leaves its loans named by their short id.
 *
 * @returns {Promise<Map<string, { reference?: string, name?: string }>>}
 */
async function loanNames(emergency) {
  const names = new Map();
  const districts = [...new Set((emergency.municipalities ?? []).map((m) => m.toLowerCase()))];
  await Promise.all(
    districts.map(async (municipality) => {
      try {
        const result = await api('/loans', {
          query: { municipality, pageSize: LOANS_PER_DISTRICT },
        });
        for (const loan of result?.items ?? [])
          names.set(loan.id, { reference: loan.reference, name: loan.enterprise?.name });
      } catch {
        // Named by their short id instead.
      }
    }),
  );
  return names;
}

/** The loans reprogrammed, as links to their pages, and the loans skipped, with why. */
async function loanLists(emergency, heading) {
  const names = await loanNames(emergency);
  const link = (id, reference) => {
    const known = names.get(id) ?? {};
    const ref = reference ?? known.reference ?? shortId(id);
    return h(
      'a',
      { href: `#/loans/${id}` },
      h('span', { class: 'mono' }, ref),
      known.name ? ` · ${known.name}` : null,
    );
  };
  const reprogrammed = emergency.reprogrammed ?? [];
  const skipped = emergency.skipped ?? [];
  return h(
    'div',
    { class: 'emergency__outcome' },
    h(heading, {}, `${t('emergencies.reprogrammedTitle')} (${count(reprogrammed.length)})`),
    reprogrammed.length
      ? h(
          'ul',
          { class: 'emergency__reprogrammed' },
          reprogrammed.map((id) => h('li', {}, link(id))),
        )
      : h('p', { class: 'muted' }, t('emergencies.reprogrammedNone')),
    h(heading, {}, `${t('emergencies.skippedTitle')} (${count(skipped.length)})`),
    skipped.length
      ? scrollTable(
          t('emergencies.skippedTitle'),
          [t('emergencies.loan'), t('emergencies.why')],
          skipped.map((s) => [
            link(s.loanId, s.reference),
            tOr(`codes.${s.why}`, t('emergencies.whyOther')),
          ]),
        )
      : h('p', { class: 'muted' }, t('emergencies.skippedNone')),
  );
}
