// The loan portfolio as a list, searched (q: reference, DNI/RUC, name) and filtered by status,
// classification, value chain and district; "Exportar CSV" downloads every matching loan.
import { api } from '../api.js';
import { filterForm, valueChainFilter } from '../components/filter-form.js';
import { searchForm } from '../components/search-form.js';
import { CLASSIFICATIONS, LOAN_STATUSES } from '../domain.js';
import { date, money, shortId } from '../format.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import {
  classificationBadge,
  errorBanner,
  exportButton,
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
  const { form: filters, active } = filterForm(ctx, 'loans', [
    ['status', t('loans.status'), LOAN_STATUSES.map((s) => [s, t(`loanStatus.${s}`)])],
    [
      'classification',
      t('loans.classification'),
      CLASSIFICATIONS.map((c) => [c, t(`classification.${c}`)]),
    ],
    valueChainFilter(),
  ]);
  const body = h('div', {}, loading());
  const filtersInUse = {
    q: q.q,
    status: q.status,
    classification: q.classification,
    valueChain: q.valueChain,
    municipality: q.municipality,
  };
  mount(
    root,
    pageTitle(t('loans.title'), exportButton('/loans', filtersInUse, t('loans.csvName'))),
    searchForm(ctx, 'loans'),
    filterBox(filters, active),
    body,
  );
  try {
    const result = await api('/loans', { query: { ...filtersInUse, page, pageSize: PAGE_SIZE } });
    const items = result?.items ?? [];
    if (items.length === 0)
      return mount(
        body,
        notice('info', h('p', {}, q.q ? t('search.none', { q: q.q }) : t('loans.empty'))),
      );
    mount(
      body,
      scrollTable(
        t('loans.title'),
        [
          t('loans.loan'),
          t('list.reference'),
          t('list.municipality'),
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
            h('span', { class: 'mono' }, loan.reference ?? ''),
            loan.enterprise?.municipality ?? '',
            money(loan.principal),
            money(loan.outstandingPrincipal),
            String(loan.daysPastDue ?? 0),
            classificationBadge(loan.classification),
            loanStatusBadge(loan.status),
            date(loan.disbursedOn),
          ],
        })),
        { numeric: [3, 4, 5], stack: true },
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
