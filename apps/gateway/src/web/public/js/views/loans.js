// The loan portfolio as a list, filtered by status, classification, value chain and district.
import { api } from '../api.js';
import { CLASSIFICATIONS, LOAN_STATUSES, municipalityList, VALUE_CHAINS } from '../domain.js';
import { date, money, shortId } from '../format.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import {
  classificationBadge,
  errorBanner,
  filterBox,
  loading,
  loanStatusBadge,
  notice,
  pageTitle,
  pagination,
  scrollTable,
} from '../ui.js';

const PAGE_SIZE = 25;

/** A loan's name on screen. Loans carry no family name in API.md; use one if the API adds it. */
export function loanLabel(loan) {
  return loan.enterprise?.name ?? loan.reference ?? `${t('loans.loan')} ${shortId(loan.id)}`;
}

export async function render(root, ctx) {
  const q = ctx.query;
  const page = Math.max(1, Number.parseInt(q.page, 10) || 1);
  const status = field({
    label: t('loans.status'),
    name: 'status',
    value: q.status ?? '',
    options: [['', t('common.all')], ...LOAN_STATUSES.map((s) => [s, t(`loanStatus.${s}`)])],
  });
  const classification = field({
    label: t('loans.classification'),
    name: 'classification',
    value: q.classification ?? '',
    options: [['', t('common.all')], ...CLASSIFICATIONS.map((c) => [c, t(`classification.${c}`)])],
  });
  const chain = field({
    label: t('list.valueChain'),
    name: 'valueChain',
    value: q.valueChain ?? '',
    options: [['', t('common.all')], ...VALUE_CHAINS.map((v) => [v, t(`valueChain.${v}`)])],
  });
  const municipality = field({
    label: t('list.municipality'),
    name: 'municipality',
    value: q.municipality ?? '',
    list: 'loan-municipalities',
  });
  const filters = h(
    'form',
    { class: 'filters', role: 'search' },
    status.el,
    classification.el,
    chain.el,
    municipality.el,
    municipalityList('loan-municipalities'),
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('common.filter')),
      h('a', { class: 'btn btn--ghost', href: '#/loans' }, t('common.clear')),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('loans', {
      status: status.input.value,
      classification: classification.input.value,
      valueChain: chain.input.value,
      municipality: municipality.input.value.trim(),
    });
  });

  const body = h('div', {}, loading());
  const active = ['status', 'classification', 'valueChain', 'municipality'].filter(
    (k) => q[k],
  ).length;
  mount(root, pageTitle(t('loans.title')), filterBox(filters, active), body);
  try {
    const result = await api('/loans', {
      query: {
        status: q.status,
        classification: q.classification,
        valueChain: q.valueChain,
        municipality: q.municipality,
        page,
        pageSize: PAGE_SIZE,
      },
    });
    const items = result?.items ?? [];
    if (items.length === 0) return mount(body, notice('info', h('p', {}, t('loans.empty'))));
    mount(
      body,
      scrollTable(
        t('loans.title'),
        [
          t('loans.loan'),
          t('loans.principal'),
          t('loans.outstanding'),
          t('loans.dpd'),
          t('loans.classification'),
          t('loans.status'),
          t('loans.disbursedOn'),
        ],
        items.map((loan) => ({
          className: Number(loan.daysPastDue) > 0 ? 'is-late' : null,
          cells: [
            h('a', { href: `#/loans/${loan.id}` }, loanLabel(loan)),
            money(loan.principal),
            money(loan.outstandingPrincipal),
            String(loan.daysPastDue ?? 0),
            classificationBadge(loan.classification),
            loanStatusBadge(loan.status),
            date(loan.disbursedOn),
          ],
        })),
        { numeric: [1, 2, 3], stack: true },
      ),
      pagination(
        { page, pageSize: result.pageSize ?? PAGE_SIZE, total: result.total ?? items.length },
        (p) => ctx.go('loans', { ...q, page: p }),
      ),
    );
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
