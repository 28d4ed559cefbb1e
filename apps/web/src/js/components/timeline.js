// The vertical status timeline, in a family version (plain words, people's notes, the next steps
// still ahead) and a staff version (who did what, every note). Each step is said from its status,
// its `detail` (what the system did, as a code and figures) and `byName` (who acted) in the
// reader's language; the English notes the services also write are never shown.
import { compareMoney, date, dateTime, money } from '../format.js';
import { has, t, tOr } from '../i18n.js';
import { h } from '../render.js';

/**
 * @typedef {{ code: string, requested?: string, limit?: string, remaining?: string,
 *   available?: string }} GrantRefusal
 * @typedef {{ code: string, score?: number, grade?: string, recommendation?: string,
 *   amount?: string, threshold?: string, reason?: string, guarantee?: string, room?: string,
 *   ahead?: number, disbursedOn?: string, principal?: string, guaranteeFee?: string,
 *   grant?: string, payout?: string, grantRequested?: string,
 *   grantRefusal?: GrantRefusal | null, extensionMonths?: number, graceMonths?: number,
 *   nextDueDate?: string, nextInstallment?: string }} TimelineDetail
 * @typedef {{ status: string, at: string, by?: string, byName?: string | null,
 *   note?: string | null, noteBySystem?: boolean, detail?: TimelineDetail | null }} TimelineEntry
 */

/** Who the services name when nobody acted (a score, a payout). */
const SYSTEM = 'system';

// The steps still ahead of each status on the usual road to a payout. info_requested and rejected
// have none: the family has to act, or the road ends.
const AHEAD = {
  submitted: ['in_review', 'approved', 'disbursed'],
  in_review: ['approved', 'disbursed'],
  awaiting_second_approval: ['approved', 'disbursed'],
  approved: ['disbursed'],
  waitlisted: ['disbursed'],
};

// What a family is told of the system's steps by default: its score is for the officers.
export const FAMILY_DETAILS = [
  'SECOND_APPROVAL_REQUIRED',
  'WAITLISTED',
  'DISBURSED',
  'REPROGRAMMED',
];

/**
 * What the system did at a step, as a sentence (or two) in the current language, with its
 * amounts formatted; null for a detail this version does not know (the status then says it).
 * @param {TimelineDetail | null | undefined} detail
 * @returns {string | null}
 */
export function describeDetail(detail) {
  if (!detail || typeof detail !== 'object') return null;
  switch (detail.code) {
    case 'SCORED': {
      const params = { score: detail.score ?? '?', grade: detail.grade ?? '?' };
      const advice = `timeline.recommendation.${detail.recommendation}`;
      return has(advice)
        ? t('timeline.scored', { ...params, recommendation: t(advice) })
        : t('timeline.scoredPlain', params);
    }
    case 'SECOND_APPROVAL_REQUIRED':
      return t('timeline.secondApproval', {
        amount: money(detail.amount),
        threshold: money(detail.threshold),
      });
    case 'WAITLISTED':
      return `${waitlistReason(detail)} ${t('timeline.waitlistThen')}`;
    case 'DISBURSED':
      return [paidOut(detail), grantRefused(detail.grantRefusal)].filter(Boolean).join(' ');
    case 'REPROGRAMMED':
      return reprogrammed(detail);
    default:
      return null;
  }
}

/** @param {TimelineDetail} detail */
function waitlistReason(detail) {
  if (detail.reason === 'GUARANTEE_CAPACITY') {
    return detail.guarantee && detail.room
      ? t('timeline.waitlistCapacity', {
          guarantee: money(detail.guarantee),
          room: money(detail.room),
        })
      : t('timeline.waitlistCapacityPlain');
  }
  if (detail.reason === 'QUEUE_AHEAD' && Number(detail.ahead) > 0) {
    return Number(detail.ahead) === 1
      ? t('timeline.waitlistQueueOne')
      : t('timeline.waitlistQueueMany', { n: detail.ahead });
  }
  return t('timeline.waitlistOther');
}

/** @param {TimelineDetail} detail */
function paidOut(detail) {
  const params = {
    payout: money(detail.payout),
    date: date(detail.disbursedOn, 'long'),
    principal: money(detail.principal),
    fee: money(detail.guaranteeFee),
    grant: money(detail.grant),
  };
  return compareMoney(detail.grant ?? '0', '0') > 0
    ? t('timeline.disbursedWithGrant', params)
    : t('timeline.disbursed', params);
}

/**
 * Why the loan was reprogrammed, by how much the term grew, its months of interest only, and what
 * the family pays next ("El crédito se reprogramó por un evento climático: …").
 * @param {TimelineDetail} detail
 */
function reprogrammed(detail) {
  const extension = Number(detail.extensionMonths) || 0;
  const grace = Number(detail.graceMonths) || 0;
  const params = {
    because: tOr(`reprogram.because.${detail.reason}`, t('reprogram.because.other')),
    extension: extension === 1 ? t('reprogram.oneMonth') : t('reprogram.nMonths', { n: extension }),
    grace: grace === 1 ? t('reprogram.firstMonth') : t('reprogram.firstMonths', { n: grace }),
    amount: money(detail.nextInstallment),
    date: date(detail.nextDueDate, 'long'),
  };
  return grace > 0 ? t('reprogram.timelineGrace', params) : t('reprogram.timelineNoGrace', params);
}

/** @param {GrantRefusal | null | undefined} refusal */
function grantRefused(refusal) {
  if (!refusal || typeof refusal !== 'object') return null;
  if (refusal.code === 'GRANT_ENTERPRISE_LIMIT') {
    return t('timeline.grantEnterpriseLimit', {
      requested: money(refusal.requested),
      limit: money(refusal.limit),
      remaining: money(refusal.remaining),
    });
  }
  if (refusal.code === 'GRANT_BUDGET_EXHAUSTED') {
    return t('timeline.grantBudgetExhausted', {
      requested: money(refusal.requested),
      available: money(refusal.available),
    });
  }
  return t('timeline.grantRefusedOther', { requested: money(refusal.requested) });
}

/**
 * Who acted, as people know them: the staff member's display name, "automático" for the system,
 * null when the name is not known (a username is never shown).
 * @param {TimelineEntry} entry
 * @returns {string | null}
 */
export function actedBy(entry) {
  if (entry.by === SYSTEM) return t('timeline.automatic');
  return entry.byName || null;
}

/**
 * The words a person wrote with the step, or null: a note the system wrote (in English, for
 * older clients) is never one.
 * @param {TimelineEntry} entry
 * @returns {string | null}
 */
export function personalNote(entry) {
  if (!entry.note || entry.noteBySystem || entry.by === SYSTEM) return null;
  return entry.note;
}

/**
 * @param {TimelineEntry[]} entries in the order they happened
 * @param {{ audience: 'family'|'staff', status: string, shownElsewhere?: string,
 *   detailCodes?: string[] }} options `detailCodes`: the details said in words (default: every
 *   one for staff; for a family all but the score — a page that says the payout in a box of its
 *   own may leave DISBURSED out)
 */
export function timeline(entries, { audience, status, shownElsewhere = null, detailCodes = null }) {
  const said = new Set(detailCodes ?? (audience === 'family' ? FAMILY_DETAILS : []));
  const list = Array.isArray(entries) ? entries : [];
  const lastIndex = list.length - 1;
  const items = list.map((entry, index) => {
    const isCurrent = index === lastIndex;
    const detail = entry.detail ?? null;
    const sentence =
      detail && ((audience === 'staff' && !detailCodes) || said.has(detail.code))
        ? describeDetail(detail)
        : null;
    // `shownElsewhere`: a note the page already shows in large type, not to be repeated here.
    const note = personalNote(entry);
    const showNote = note && note !== shownElsewhere;
    const who = audience === 'staff' ? actedBy(entry) : null;
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
          who ? ` · ${entry.by === SYSTEM ? who : t('common.by', { who })}` : null,
        ),
        sentence ? h('p', { class: 'timeline__detail' }, sentence) : null,
        showNote
          ? h(
              'blockquote',
              { class: 'timeline__note' },
              h(
                'p',
                { class: 'timeline__note-label' },
                noteLabel(entry, audience === 'family' && !entry.byName),
              ),
              h('p', {}, note),
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

/**
 * Whose note it is: "Nota de Rosa Huamán"; a family without the name reads "Nota del analista".
 * @param {TimelineEntry} entry
 * @param {boolean} officerForFamily
 */
function noteLabel(entry, officerForFamily) {
  if (entry.byName) return t('timeline.noteOf', { who: entry.byName });
  return officerForFamily ? t('family.noteFromOfficer') : t('timeline.note');
}
