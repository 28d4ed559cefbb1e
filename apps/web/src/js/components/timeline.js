// The vertical status timeline, in a family version (plain words, the officer's notes only, the
// next steps still ahead) and a staff version (who did what, every note).
import { dateTime } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h } from '../render.js';

// The steps still ahead of each status on the usual road to a payout. info_requested and rejected
// have none: the family has to act, or the road ends.
const AHEAD = {
  submitted: ['in_review', 'approved', 'disbursed'],
  in_review: ['approved', 'disbursed'],
  awaiting_second_approval: ['approved', 'disbursed'],
  approved: ['disbursed'],
  waitlisted: ['disbursed'],
};

/**
 * @param {Array<{status, at, by, note}>} entries in the order they happened
 * @param {{ audience: 'family'|'staff', status: string, shownElsewhere?: string }} options
 */
export function timeline(entries, { audience, status, shownElsewhere = null }) {
  const list = Array.isArray(entries) ? entries : [];
  const lastIndex = list.length - 1;
  const items = list.map((entry, index) => {
    // System notes ("Scored 55 (C)…") are internal and in English; a family sees people's notes.
    // `shownElsewhere`: a note the page already shows in large type, not to be repeated here.
    const showNote =
      entry.note &&
      (audience === 'staff' || entry.by !== 'system') &&
      entry.note !== shownElsewhere;
    const isCurrent = index === lastIndex;
    return h(
      'li',
      {
        class: ['timeline__item', `timeline__item--${entry.status}`, isCurrent && 'is-current'],
        'aria-current': isCurrent ? 'step' : null,
      },
      h('span', { class: 'timeline__dot', 'aria-hidden': 'true' }),
      h(
        'div',
        { class: 'timeline__body' },
        h('p', { class: 'timeline__status' }, tOr(`status.${entry.status}`, entry.status)),
        h(
          'p',
          { class: 'timeline__meta' },
          h('time', { datetime: entry.at }, dateTime(entry.at)),
          audience === 'staff' && entry.by ? ` · ${t('common.by', { who: entry.by })}` : null,
        ),
        showNote
          ? h(
              'blockquote',
              { class: 'timeline__note' },
              audience === 'family'
                ? h('p', { class: 'timeline__note-label' }, t('family.noteFromOfficer'))
                : null,
              h('p', {}, entry.note),
            )
          : null,
      ),
    );
  });
  const ahead = audience === 'family' ? (AHEAD[status] ?? []) : [];
  ahead.forEach((step, i) =>
    items.push(
      h(
        'li',
        { class: 'timeline__item is-ahead' },
        h('span', { class: 'timeline__dot', 'aria-hidden': 'true' }),
        h(
          'div',
          { class: 'timeline__body' },
          i === 0 ? h('p', { class: 'timeline__meta' }, t('family.upcoming')) : null,
          h('p', { class: 'timeline__status' }, tOr(`status.${step}`, step)),
        ),
      ),
    ),
  );
  return h('ol', { class: 'timeline' }, items);
}
