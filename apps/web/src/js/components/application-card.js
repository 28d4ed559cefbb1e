// One application in a work list (review queue, second approvals): who, where, how much, the score.
import { dateTime, money } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h } from '../render.js';
import { scoreBadge, statusBadge } from '../ui.js';

export function applicationCard(application, { showStatus = false, extra = null } = {}) {
  const e = application.enterprise ?? {};
  const r = application.request ?? {};
  return h(
    'li',
    { class: 'app-card' },
    h(
      'div',
      { class: 'app-card__main' },
      h(
        'h2',
        { class: 'app-card__name' },
        h('a', { href: `#/applications/${application.id}` }, e.name ?? application.reference),
      ),
      h(
        'p',
        { class: 'app-card__meta' },
        h('span', { class: 'mono' }, application.reference),
        ' · ',
        e.municipality ?? '',
        ' · ',
        tOr(`valueChain.${e.valueChain}`, e.valueChain ?? ''),
      ),
      h(
        'p',
        { class: 'app-card__amount' },
        h('strong', {}, money(r.amount)),
        ' · ',
        t('common.months', { n: r.termMonths ?? '?' }),
      ),
      application.createdAt
        ? h(
            'p',
            { class: 'app-card__meta' },
            t('queue.since', { date: dateTime(application.createdAt) }),
          )
        : null,
      showStatus ? h('p', {}, statusBadge(application.status)) : null,
    ),
    h('div', { class: 'app-card__score' }, scoreBadge(application.score)),
    extra,
  );
}
