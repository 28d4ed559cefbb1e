// The fund manager's maker–checker queue: large loans an officer approved, waiting for a second
// approval. Each can be decided right here or opened in full.
import { api } from '../api.js';
import { money } from '../format.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { applicationCard } from '../components/application-card.js';
import { decisionForm } from '../components/decision-form.js';
import { errorBanner, loading, notice, pageTitle, pagination } from '../ui.js';

const PAGE_SIZE = 20;

export async function render(root, ctx, flashNode = null) {
  const page = Math.max(1, Number.parseInt(ctx.query.page, 10) || 1);
  const body = h('div', {}, loading());
  mount(
    root,
    pageTitle(t('approvals.title'), h('p', { class: 'muted' }, t('approvals.intro'))),
    flashNode,
    body,
  );
  try {
    const result = await api('/applications', {
      query: { status: 'awaiting_second_approval', page, pageSize: PAGE_SIZE },
    });
    const items = result?.items ?? [];
    if (items.length === 0 && page === 1)
      return mount(body, notice('success', h('p', {}, t('approvals.empty'))));
    mount(
      body,
      h(
        'ul',
        { class: 'app-list' },
        items.map((application) => {
          const d = application.decision;
          const first = d
            ? h(
                'p',
                { class: 'app-card__first' },
                // The officer's display name, never a username.
                d.byName
                  ? t('decide.firstApproval', {
                      by: d.byName,
                      amount: money(d.amount ?? application.request?.amount),
                      n: d.termMonths ?? application.request?.termMonths,
                    })
                  : t('decide.firstApprovalTerms', {
                      amount: money(d.amount ?? application.request?.amount),
                      n: d.termMonths ?? application.request?.termMonths,
                    }),
              )
            : null;
          const decide = h(
            'details',
            { class: 'app-card__decide' },
            h('summary', {}, t('decide.open')),
            decisionForm(application, {
              second: true,
              // A decided application leaves this queue: reload it with the outcome on top.
              onDone: (updated, message) => render(root, ctx, message),
            }),
          );
          return applicationCard(application, {
            extra: h('div', { class: 'app-card__extra' }, first, decide),
          });
        }),
      ),
      pagination(
        { page, pageSize: result.pageSize ?? PAGE_SIZE, total: result.total ?? items.length },
        (p) => ctx.go('approvals', { page: p }),
      ),
    );
  } catch (error) {
    mount(body, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
