// The loan officer's review queue: scored applications waiting for a decision, oldest first.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { applicationCard } from '../components/application-card.js';
import { errorBanner, loading, notice, pageTitle, pagination } from '../ui.js';

const PAGE_SIZE = 20;

export async function render(root, ctx) {
  const page = Math.max(1, Number.parseInt(ctx.query.page, 10) || 1);
  const body = h('div', {}, loading());
  mount(root, pageTitle(t('queue.title'), h('p', { class: 'muted' }, t('queue.intro'))), body);
  try {
    const result = await api('/applications', {
      query: { status: 'in_review', page, pageSize: PAGE_SIZE },
    });
    const items = result?.items ?? [];
    if (items.length === 0 && page === 1)
      return mount(body, notice('success', h('p', {}, t('queue.empty'))));
    mount(
      body,
      h(
        'ul',
        { class: 'app-list' },
        items.map((a) => applicationCard(a)),
      ),
      pagination(
        { page, pageSize: result.pageSize ?? PAGE_SIZE, total: result.total ?? items.length },
        (p) => ctx.go('queue', { page: p }),
      ),
    );
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
