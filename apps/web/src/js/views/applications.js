// Every application, searched (q: reference, DNI/RUC, name) and filtered by status, value chain and
// district. Search and filters live in the URL (#/applications?q=quispe&status=approved&page=2) so
// a reload or a shared link keeps them; "Exportar CSV" downloads every matching row.
import { api } from '../api.js';
import { filterForm, valueChainFilter } from '../components/filter-form.js';
import { searchForm } from '../components/search-form.js';
import { STATUSES } from '../domain.js';
import { money } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import {
  errorBanner,
  exportButton,
  filterBox,
  loading,
  notice,
  pageTitle,
  pagination,
  scoreBadge,
  scrollTable,
  statusBadge,
} from '../ui.js';

const PAGE_SIZE = 25;

export async function render(root, ctx) {
  const q = ctx.query;
  const page = Math.max(1, Number.parseInt(q.page, 10) || 1);

  const { form: filters, active } = filterForm(ctx, 'applications', [
    ['status', t('list.status'), STATUSES.map((s) => [s, t(`status.${s}`)])],
    valueChainFilter(),
  ]);
  const body = h('div', {}, loading());
  const filtersInUse = {
    q: q.q,
    status: q.status,
    valueChain: q.valueChain,
    municipality: q.municipality,
  };
  mount(
    root,
    pageTitle(t('list.title'), exportButton('/applications', filtersInUse, t('list.csvName'))),
    searchForm(ctx, 'applications'),
    filterBox(filters, active),
    body,
  );
  try {
    const result = await api('/applications', {
      query: { ...filtersInUse, page, pageSize: PAGE_SIZE },
    });
    const items = result?.items ?? [];
    if (items.length === 0)
      return mount(
        body,
        notice('info', h('p', {}, q.q ? t('search.none', { q: q.q }) : t('common.empty'))),
      );
    mount(
      body,
      scrollTable(
        t('list.title'),
        [
          t('list.reference'),
          t('list.family'),
          t('list.municipality'),
          t('list.valueChain'),
          t('list.amount'),
          t('list.status'),
          t('queue.score'),
        ],
        items.map((a) => [
          h('a', { href: `#/applications/${a.id}`, class: 'mono' }, a.reference),
          a.enterprise?.name ?? '',
          a.enterprise?.municipality ?? '',
          tOr(`valueChain.${a.enterprise?.valueChain}`, a.enterprise?.valueChain ?? ''),
          money(a.request?.amount),
          statusBadge(a.status),
          scoreBadge(a.score),
        ]),
        { numeric: [4], stack: true },
      ),
      pagination(
        { page, pageSize: result.pageSize ?? PAGE_SIZE, total: result.total ?? items.length },
        (p) => ctx.go('applications', { ...q, page: p }),
      ),
    );
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
