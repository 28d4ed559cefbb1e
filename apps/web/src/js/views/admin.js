// Operations: the current business date, the close of business (which moves it forward) and the
// history of closes (newest first: how long each took, what it changed).
import { api } from '../api.js';
import { addDays, count, date, dateTime, decimal } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, loading, notice, pageTitle, pagination, scrollTable } from '../ui.js';

const CLOSES_PAGE_SIZE = 10;

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
      showDate(result.businessDate ?? value);
      history.reload();
      mount(
        feedback,
        notice(
          'success',
          h('p', {}, t('admin.done', { date: date(result.businessDate ?? value, 'long') })),
        ),
      );
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
    card(t('admin.closesTitle'), history.el),
  );

  try {
    const result = await api('/admin/business-date');
    if (ctx.isCurrent()) showDate(result?.businessDate);
  } catch (error) {
    mount(dateBox, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
