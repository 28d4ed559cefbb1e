// Operations: the current business date and the close of business (which moves it forward).
import { api } from '../api.js';
import { addDays, date } from '../format.js';
import { field, idempotentSubmitter, submitButton } from '../forms.js';
import { t } from '../i18n.js';
import { h, mount } from '../render.js';
import { card, errorBanner, loading, notice, pageTitle } from '../ui.js';

export async function render(root, ctx) {
  const dateBox = h('div', {}, loading());
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
      mount(
        feedback,
        notice(
          'success',
          h('p', {}, t('admin.done', { date: date(result.businessDate ?? value, 'long') })),
        ),
      );
    } catch (error) {
      mount(feedback, errorBanner(error));
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
  );

  try {
    const result = await api('/admin/business-date');
    if (ctx.isCurrent()) showDate(result?.businessDate);
  } catch (error) {
    mount(dateBox, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}
