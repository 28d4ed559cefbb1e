// The loan portfolio as a list, filtered by status, classification, value chain and district.
import { api } from '../api.js';
import { filterForm, valueChainFilter } from '../components/filter-form.js';
import { CLASSIFICATIONS, LOAN_STATUSES } from '../domain.js';
import { date, money, shortId } from '../format.js';
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
