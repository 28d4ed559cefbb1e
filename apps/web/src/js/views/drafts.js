// The officer's drafts of new applications, kept on this phone: what each one is (family, amount,
// when it was saved) and where it stands (not finished, waiting to be sent, sending, refused and
// why), to open one again, delete one, or send the waiting ones now. Above them, the applications
// that drafts became while the officer was elsewhere, with the family's code, PIN and slip.
import { ApiError } from '../api.js';
import { credentialsPanel } from '../components/credentials-slip.js';
import { dateTime, money } from '../format.js';
import { t } from '../i18n.js';
import { completeValues, bodyFromValues } from '../offline/application-body.js';
import {
  draftsAvailable,
  listDrafts,
  onDraftsChange,
  removeDraft,
} from '../offline/drafts-store.js';
import { forgetSent, onSentChange, sentApplications } from '../offline/sent.js';
import { isSending, ownerOf, syncDrafts } from '../offline/sync.js';
import { h, mount } from '../render.js';
import { errorBanner, notice, pageTitle } from '../ui.js';

/** @typedef {import('../offline/draft-rules.js').Draft} Draft */

export function render(root, ctx) {
  const owner = ownerOf(ctx.session) ?? '';
  const sentBox = h('div', { class: 'drafts__sent' });
  const status = h('div', { class: 'drafts__status', 'aria-live': 'polite' });
  const listBox = h('div', { class: 'drafts__list' });
  const sendButton = h(
    'button',
    { type: 'button', class: 'btn btn--primary', onClick: () => sendNow() },
    t('drafts.sendNow'),
  );
  const toolbar = h('div', { class: 'drafts__toolbar' });
  // Which draft asks "delete?" right now (kept across the list's redraws).
  /** @type {string | null} */
  let confirming = null;

  mount(
    root,
    pageTitle(t('drafts.title'), h('p', { class: 'muted' }, t('drafts.intro'))),
    sentBox,
    toolbar,
    status,
    listBox,
  );

  if (!draftsAvailable()) {
    mount(listBox, notice('warning', h('p', {}, t('newApp.draftsUnavailable'))));
    return;
  }

  function drawSent() {
    const sent = sentApplications(owner);
    mount(
      sentBox,
      sent.length
        ? [
            h('h2', { class: 'drafts__heading' }, t('drafts.sentTitle')),
            sent.map((item) =>
              h(
                'div',
                { class: 'drafts__sent-item' },
                h('span', { class: 'badge draft-state draft-state--sent' }, t('drafts.state.sent')),
                credentialsPanel(item, {
                  note: t('drafts.sentNote'),
                  actions: [
                    item.id
                      ? h(
                          'a',
                          { class: 'btn btn--ghost', href: `#/applications/${item.id}` },
                          t('newApp.seeApplication'),
                        )
                      : null,
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn btn--ghost no-print',
                        onClick: () => forgetSent(item.id),
                      },
                      t('drafts.dismiss'),
                    ),
                  ].filter(Boolean),
                }),
                item.olderData ? notice('warning', h('p', {}, t('newApp.olderData'))) : null,
              ),
            ),
          ]
        : null,
    );
  }

  let drawing = 0;
  async function drawList() {
    const turn = ++drawing;
    const drafts = await listDrafts(owner);
    if (turn !== drawing || !ctx.isCurrent()) return;
    const waiting = drafts.filter((d) => d.state === 'waiting' || d.state === 'sending');
    sendButton.disabled = waiting.length === 0 || drafts.some((d) => isSending(d.id));
    mount(
      toolbar,
      waiting.length
        ? [
            h('p', { class: 'drafts__count' }, t('drafts.pending', { n: waiting.length })),
            sendButton,
          ]
        : null,
      navigator.onLine === false && waiting.length
        ? notice('warning', h('p', {}, t('drafts.offline')))
        : null,
    );
    mount(
      listBox,
      drafts.length
        ? h(
            'ul',
            { class: 'drafts', 'aria-label': t('drafts.listLabel') },
            drafts.map((draft) => h('li', {}, draftCard(draft))),
          )
        : h('p', { class: 'drafts__empty muted' }, t('drafts.empty')),
    );
  }

  /** @param {Draft} draft */
  function draftCard(draft) {
    const values = completeValues(draft.values);
    const name = values.name.trim() || t('drafts.noName');
    const amount = bodyFromValues(values).body.request.amount;
    const state = isSending(draft.id)
      ? 'sending'
      : draft.state === 'sending'
        ? 'waiting'
        : draft.state;
    const details = [
      amount ? money(amount) : null,
      values.municipality.trim() || null,
      values.documentId.trim() || null,
    ].filter(Boolean);
    return h(
      'article',
      { class: ['card', 'draft', `draft--${state}`], 'aria-label': name },
      h(
        'div',
        { class: 'draft__head' },
        h('h2', { class: 'draft__name' }, name),
        h('span', { class: `badge draft-state draft-state--${state}` }, t(`drafts.state.${state}`)),
      ),
      details.length ? h('p', { class: 'draft__facts' }, details.join(' · ')) : null,
      h('p', { class: 'muted small' }, t('drafts.savedAt', { at: dateTime(draft.savedAt) })),
      state === 'editing' ? h('p', { class: 'small' }, t('drafts.editingHint')) : null,
      state === 'waiting' && draft.problem && draft.problem !== 'replayFirst'
        ? h('p', { class: 'small' }, t(`drafts.problem.${draft.problem}`))
        : null,
      state === 'refused'
        ? [
            h('p', { class: 'draft__refused' }, t('drafts.refusedLead')),
            draft.refusal
              ? errorBanner(new ApiError(draft.refusal.status, draft.refusal.body))
              : null,
          ]
        : null,
      confirming === draft.id ? confirmBox(draft, name) : actions(draft, name, state),
    );
  }

  /**
   * @param {Draft} draft
   * @param {string} name
   * @param {string} state
   */
  function actions(draft, name, state) {
    return h(
      'div',
      { class: 'draft__actions' },
      state === 'sending'
        ? null
        : h(
            'a',
            {
              class: 'btn',
              href: `#/new?draft=${encodeURIComponent(draft.id)}`,
              'aria-label': `${t('drafts.open')}: ${name}`,
            },
            t('drafts.open'),
          ),
      state === 'sending'
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'btn btn--ghost',
              'aria-label': `${t('drafts.delete')}: ${name}`,
              onClick: () => {
                confirming = draft.id;
                drawList().then(() =>
                  /** @type {HTMLElement | null} */ (
                    listBox.querySelector('.draft__confirm button')
                  )?.focus(),
                );
              },
            },
            t('drafts.delete'),
          ),
    );
  }

  /**
   * @param {Draft} draft
   * @param {string} name
   */
  function confirmBox(draft, name) {
    return h(
      'div',
      { class: 'draft__confirm', role: 'group', 'aria-label': t('drafts.delete') },
      h('p', {}, t('drafts.confirmDelete', { name })),
      draft.attempts > 0 ? h('p', { class: 'small' }, t('drafts.confirmTried')) : null,
      h(
        'div',
        { class: 'draft__actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--danger',
            onClick: async () => {
              confirming = null;
              await removeDraft(draft.id);
              mount(status, notice('success', h('p', {}, t('drafts.deleted', { name }))));
            },
          },
          t('drafts.confirmYes'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--ghost',
            onClick: () => {
              confirming = null;
              drawList();
            },
          },
          t('common.cancel'),
        ),
      ),
    );
  }

  async function sendNow() {
    if (sendButton.disabled) return;
    sendButton.disabled = true;
    sendButton.setAttribute('aria-busy', 'true');
    sendButton.textContent = t('drafts.sending');
    mount(status);
    try {
      await syncDrafts();
    } finally {
      sendButton.removeAttribute('aria-busy');
      sendButton.textContent = t('drafts.sendNow');
      if (ctx.isCurrent()) await drawList();
    }
  }

  // Follow the drafts as they change (sent in the background, another tab, the signal coming
  // back); stop listening once the officer has left this screen.
  const redraw = () => {
    if (!ctx.isCurrent()) return stop();
    drawSent();
    drawList().catch((error) => mount(listBox, errorBanner(error)));
  };
  const unsubscribe = [onDraftsChange(redraw), onSentChange(redraw)];
  const onNetwork = () => redraw();
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  function stop() {
    unsubscribe.forEach((off) => off());
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
  }
  drawSent();
  return drawList();
}
