// Operations: the current business date, the close of business (which moves it forward, after a
// confirmation that says which dates it closes), what that close changed (each date closed, with
// totals when there were several), and the history of closes (newest first).
import { api } from '../api.js';
import { confirmAction } from '../components/confirm-dialog.js';
import { addDays, count, date, dateTime, decimal } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, loading, notice, pageTitle, pagination, scrollTable } from '../ui.js';

const CLOSES_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** The closes-of-business history, one page at a time (the page is local: no URL noise). */
function closesHistory() {
  const box = h('div', {}, loading());
  const load = async (page = 1) => {
    try {
      const result = await api('/admin/closes', {
        query: { page, pageSize: CLOSES_PAGE_SIZE },
      });
      const items = result?.items ?? [];
      if (items.length === 0) return mount(box, notice('info', h('p', {}, t('admin.noCloses'))));
      mount(
        box,
        scrollTable(
          t('admin.closesTitle'),
          [
            t('admin.closeDate'),
            t('admin.closedAt'),
            t('admin.duration'),
            t('admin.openLoans'),
            t('admin.aged'),
            t('admin.classChanges'),
            t('admin.claimed'),
          ],
          items.map((close) => [
            date(close.businessDate),
            dateTime(close.closedAt),
            // durationMs is a whole number of milliseconds: shown in seconds with 2 places.
            t('admin.seconds', { n: decimal(millisToSeconds(close.durationMs), 2) }),
            count(close.openLoans),
            count(close.aged),
            count(close.classChanges),
            count(close.claimed),
          ]),
          { numeric: [2, 3, 4, 5, 6], stack: true },
        ),
        pagination(
          {
            page,
            pageSize: result.pageSize ?? CLOSES_PAGE_SIZE,
            total: result.total ?? items.length,
          },
          (p) => load(p),
        ),
      );
    } catch (error) {
      mount(box, errorBanner(error, { onRetry: () => load(page) }));
    }
  };
  load();
  return { el: box, reload: () => load(1) };
}

/** 1234 → "1.234" (string arithmetic: a count of milliseconds is never a float here). */
function millisToSeconds(ms) {
  const digits = String(Math.max(0, Math.trunc(Number(ms) || 0))).padStart(4, '0');
  return `${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

export async function render(root, ctx) {
  const dateBox = h('div', {}, loading());
  const history = closesHistory();
  const target = field({ label: t('admin.date'), name: 'date', type: 'date', required: true });
  const feedback = h('div', {});
  const summaryBox = h('div', { class: 'close-summary', 'aria-live': 'polite' });
  /** The business date on screen: the close starts the day after it. */
  let currentDate = null;
  const button = submitButton(t('admin.submit'));
  const submitter = idempotentSubmitter(button, t('admin.submitting'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', {}, t('admin.cobIntro')),
    target.el,
    feedback,
    h('div', { class: 'form__actions' }, button),
  );

  const showDate = (businessDate) => {
    currentDate = businessDate;
    mount(
      dateBox,
      h(
        'p',
        { class: 'big-date' },
        h('time', { datetime: businessDate }, date(businessDate, 'full')),
      ),
    );
    // The natural next close is the day after; the input refuses earlier dates.
    target.input.value = addDays(businessDate, 1);
    target.input.min = businessDate;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    mount(feedback);
    const value = target.input.value;
    target.setError(/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('newApp.bad.required'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return target.input.focus();
    // The dates this close closes start the day after the business date (read again if the
    // screen could not show it).
    if (!currentDate)
      currentDate = await api('/admin/business-date')
        .then((r) => r?.businessDate ?? null)
        .catch(() => null);
    const first = currentDate ? addDays(currentDate, 1) : null;
    // Only a close that closes something is confirmed: the current date again changes nothing,
    // an earlier one is refused by the server in words.
    if (!first || value >= first) {
      const days = first ? daysFrom(first, value) : 0;
      const sure = await confirmAction({
        title: !first
          ? t('admin.confirmUpTo', { date: date(value, 'long') })
          : days === 1
            ? t('admin.confirmOne', { date: date(value, 'long') })
            : t('admin.confirmMany', {
                n: count(String(days)),
                from: date(first, 'long'),
                to: date(value, 'long'),
              }),
        body: [t('admin.confirmBody'), t('admin.confirmFinal')],
        confirmLabel: t('admin.confirm'),
      });
      if (!sure) return;
    }
    mount(summaryBox); // the last close's summary is not this one's
    try {
      const result = await submitter.run((key) =>
        api('/admin/close-of-business', {
          method: 'POST',
          body: { date: value },
          idempotencyKey: key,
        }),
      );
      if (!result) return;
      submitter.renewKey();
      const closedTo = result.businessDate ?? value;
      showDate(closedTo);
      history.reload();
      mount(
        feedback,
        notice('success', h('p', {}, t('admin.done', { date: date(closedTo, 'long') }))),
      );
      showSummary(summaryBox, first, closedTo);
    } catch (error) {
      mount(feedback, errorBanner(error, { sentences: { 409: 'admin.dateClosed' } }));
    }
  });

  mount(
    root,
    pageTitle(t('admin.title')),
    h(
      'div',
      { class: 'grid grid--two' },
      card(t('admin.businessDate'), dateBox),
      card(t('admin.cobTitle'), form),
    ),
    summaryBox,
    card(t('admin.closesTitle'), history.el),
  );

  try {
    const result = await api('/admin/business-date');
    if (ctx.isCurrent()) showDate(result?.businessDate);
  } catch (error) {
    mount(dateBox, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}

/** How many dates from `from` to `to`, both included (calendar dates, in UTC). */
function daysFrom(from, to) {
  const [a, b] = [from, to].map((d) =>
    Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)),
  );
  return Math.round((b - a) / 86_400_000) + 1;
}

/** Every close from `from` to `to`, oldest first (the API pages them newest first). */
async function closesBetween(from, to) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const result = await api('/admin/closes', {
      query: { from, to, page, pageSize: MAX_PAGE_SIZE },
    });
    const found = result?.items ?? [];
    items.push(...found);
    if (found.length < MAX_PAGE_SIZE || items.length >= (result?.total ?? 0)) break;
  }
  return items.reverse();
}

/** A sum of counts; unknown (—) when one of them is unknown. */
function total(items, key) {
  return items.some((c) => c[key] === null || c[key] === undefined)
    ? null
    : String(items.reduce((sum, c) => sum + Number(c[key]), 0));
}

/**
 * What the close just run changed: each business date closed (oldest first) with its open loans,
 * loans aged, class changes and claims, and their totals when several dates were closed at once.
 *
 * @param {HTMLElement} box
 * @param {string | null} from the first date the close closed (the day after the old business date)
 * @param {string} to the new business date
 */
async function showSummary(box, from, to) {
  mount(box, card(t('admin.summaryTitle'), loading()));
  try {
    // Without the old business date there is no telling which closes were this one's.
    if (!from) {
      mount(box, card(t('admin.summaryTitle'), h('p', {}, t('admin.summaryMissing'))));
      return;
    }
    const closes = from <= to ? await closesBetween(from, to) : [];
    if (closes.length === 0) {
      mount(
        box,
        card(
          t('admin.summaryTitle'),
          notice('info', h('p', {}, t('admin.summaryNone', { date: date(to, 'long') }))),
        ),
      );
      return;
    }
    const many = closes.length > 1;
    const sums = {
      aged: total(closes, 'aged'),
      classChanges: total(closes, 'classChanges'),
      claimed: total(closes, 'claimed'),
      durationMs: total(closes, 'durationMs'),
    };
    const kpi = (label, value) =>
      h(
        'div',
        { class: 'kpi' },
        h('p', { class: 'kpi__label' }, label),
        h('p', { class: 'kpi__value' }, count(value)),
      );
    const durationOf = (ms) =>
      ms === null || ms === undefined
        ? t('common.none')
        : t('admin.seconds', { n: decimal(millisToSeconds(ms), 2) });
    mount(
      box,
      card(
        t('admin.summaryTitle'),
        h(
          'p',
          {},
          many
            ? t('admin.summaryMany', {
                n: count(String(closes.length)),
                from: date(closes[0].businessDate, 'long'),
                to: date(closes[closes.length - 1].businessDate, 'long'),
              })
            : t('admin.summaryOne', { date: date(closes[0].businessDate, 'long') }),
        ),
        h(
          'div',
          { class: 'kpis close-summary__totals' },
          kpi(t('admin.aged'), sums.aged),
          kpi(t('admin.classChanges'), sums.classChanges),
          kpi(t('admin.claimed'), sums.claimed),
          kpi(t('admin.openLoans'), closes[closes.length - 1].openLoans),
        ),
        scrollTable(
          t('admin.summaryTitle'),
          [
            t('admin.closeDate'),
            t('admin.openLoans'),
            t('admin.aged'),
            t('admin.classChanges'),
            t('admin.claimed'),
            t('admin.duration'),
          ],
          [
            ...closes.map((close) => [
              date(close.businessDate),
              count(close.openLoans),
              count(close.aged),
              count(close.classChanges),
              count(close.claimed),
              durationOf(close.durationMs),
            ]),
            many
              ? {
                  className: 'total',
                  cells: [
                    t('admin.totals', { n: count(String(closes.length)) }),
                    t('common.none'),
                    count(sums.aged),
                    count(sums.classChanges),
                    count(sums.claimed),
                    durationOf(sums.durationMs),
                  ],
                }
              : null,
          ].filter(Boolean),
          { numeric: [1, 2, 3, 4, 5] },
        ),
      ),
    );
  } catch (error) {
    mount(
      box,
      card(
        t('admin.summaryTitle'),
        h('p', {}, t('admin.summaryMissing')),
        errorBanner(error, { onRetry: () => showSummary(box, from, to) }),
      ),
    );
  }
}
