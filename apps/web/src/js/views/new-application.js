// A loan officer registers a family's application, often in the field, on a phone, often with no
// signal. What they type is kept as a draft on the phone as they type (offline/), so a reload, an
// ended session or a dropped network loses nothing; the draft goes with its own Idempotency-Key,
// so sending it again after a lost answer never registers the family twice. The answer carries the
// family's code and PIN, shown once, with a slip to print for the family.
import { api, ApiError, keepKeyAfter, newIdempotencyKey } from '../api.js';
import { credentialsPanel, slipDataFrom } from '../components/credentials-slip.js';
import { municipalityList, VALUE_CHAINS } from '../domain.js';
import { centsToString, dateTime, money, normalizeMoneyInput, toCents } from '../format.js';
import { checkbox, field, submitButton } from '../forms.js';
import { getLocale, t } from '../i18n.js';
import {
  bodyFromValues,
  completeValues,
  EMPTY_VALUES,
  isBlank,
} from '../offline/application-body.js';
import { edited, newDraft, queued } from '../offline/draft-rules.js';
import {
  draftsAvailable,
  getDraft,
  modifyDraft,
  onDraftsChange,
  putDraft,
} from '../offline/drafts-store.js';
import { onSentChange, sentApplications } from '../offline/sent.js';
import { ownerOf, sendDraft } from '../offline/sync.js';
import { h, mount } from '../render.js';
import { errorBanner, notice, pageTitle } from '../ui.js';

// Product limits (amount, term, grace) are data on the server and may change, so the form only
// checks the shape of what is typed and shows the default limits as hints; the server's 422
// answer, shown in the banner, is the authority.

const SAVE_DELAY_MS = 400;

// A pending save, flushed when the page goes away (a reload, a closed tab) before its delay is up.
/** @type {(() => void) | null} */
let flushPending = null;
window.addEventListener('pagehide', () => flushPending?.());

/** @typedef {import('../offline/draft-rules.js').Draft} Draft */

export function render(root, ctx) {
  const owner = ownerOf(ctx.session) ?? '';
  const f = {
    name: field({
      label: t('newApp.name'),
      name: 'name',
      required: true,
      maxlength: '120',
      autocomplete: 'off',
    }),
    documentId: field({
      label: t('newApp.documentId'),
      name: 'documentId',
      required: true,
      inputmode: 'numeric',
      maxlength: '11',
      autocomplete: 'off',
    }),
    municipality: field({
      label: t('newApp.municipality'),
      name: 'municipality',
      required: true,
      maxlength: '120',
      list: 'new-municipalities',
      autocomplete: 'off',
    }),
    valueChain: field({
      label: t('newApp.valueChain'),
      name: 'valueChain',
      required: true,
      options: [['', t('newApp.choose')], ...VALUE_CHAINS.map((v) => [v, t(`valueChain.${v}`)])],
    }),
    yearsInActivity: field({
      label: t('newApp.years'),
      name: 'yearsInActivity',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '0',
      max: '80',
    }),
    amount: field({
      label: t('newApp.amount'),
      name: 'amount',
      kind: 'money',
      required: true,
      hint: t('newApp.amountHint'),
    }),
    termMonths: field({
      label: t('newApp.term'),
      name: 'termMonths',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '1',
      hint: t('newApp.termHint'),
    }),
    graceMonths: field({
      label: t('newApp.grace'),
      name: 'graceMonths',
      type: 'number',
      required: true,
      inputmode: 'numeric',
      min: '0',
      value: EMPTY_VALUES.graceMonths,
      hint: t('newApp.graceHint'),
    }),
    purpose: field({
      label: t('newApp.purpose'),
      name: 'purpose',
      textarea: true,
      required: true,
      maxlength: '2000',
    }),
    collateralValue: field({
      label: t('newApp.collateral'),
      name: 'collateralValue',
      kind: 'money',
      required: true,
      value: EMPTY_VALUES.collateralValue,
      hint: t('newApp.collateralHint'),
    }),
    description: field({
      label: t('newApp.innovationDescription'),
      name: 'description',
      textarea: true,
      required: true,
      maxlength: '2000',
    }),
    cost: field({ label: t('newApp.innovationCost'), name: 'cost', kind: 'money', required: true }),
    grantRequested: field({
      label: t('newApp.grantRequested'),
      name: 'grantRequested',
      kind: 'money',
      required: true,
      value: EMPTY_VALUES.grantRequested,
      hint: t('newApp.grantHint'),
    }),
    monthlyRevenue: field({
      label: t('newApp.revenue'),
      name: 'monthlyRevenue',
      kind: 'money',
      required: true,
    }),
    monthlyCosts: field({
      label: t('newApp.costs'),
      name: 'monthlyCosts',
      kind: 'money',
      required: true,
    }),
    householdExpenses: field({
      label: t('newApp.household'),
      name: 'householdExpenses',
      kind: 'money',
      required: true,
    }),
    otherDebtPayments: field({
      label: t('newApp.otherDebt'),
      name: 'otherDebtPayments',
      kind: 'money',
      required: true,
      value: EMPTY_VALUES.otherDebtPayments,
    }),
  };
  const boxes = {
    womenLed: checkbox({ label: t('newApp.womenLed'), name: 'womenLed' }),
    associationMember: checkbox({
      label: t('newApp.associationMember'),
      name: 'associationMember',
    }),
    hasInnovation: checkbox({
      label: t('newApp.hasInnovation'),
      name: 'hasInnovation',
      checked: EMPTY_VALUES.hasInnovation,
    }),
  };

  const grantMax = h('p', { class: 'field__hint', 'aria-live': 'polite' });
  const surplus = h('p', { class: 'surplus', 'aria-live': 'polite' });
  const innovationBox = h(
    'div',
    { class: 'field-group' },
    f.description.el,
    f.cost.el,
    f.grantRequested.el,
    grantMax,
  );
  const draftStatus = h('p', { class: 'draft-status muted small', 'aria-live': 'polite' });
  const feedback = h('div', {});
  const button = submitButton(t('newApp.submit'));

  const form = h(
    'form',
    { class: 'form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.enterprise')),
      f.name.el,
      f.documentId.el,
      f.municipality.el,
      municipalityList('new-municipalities'),
      f.valueChain.el,
      boxes.womenLed.el,
      boxes.associationMember.el,
      f.yearsInActivity.el,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.request')),
      f.amount.el,
      f.termMonths.el,
      f.graceMonths.el,
      f.purpose.el,
      f.collateralValue.el,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.innovation')),
      boxes.hasInnovation.el,
      innovationBox,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('newApp.cashflow')),
      f.monthlyRevenue.el,
      f.monthlyCosts.el,
      f.householdExpenses.el,
      f.otherDebtPayments.el,
      surplus,
    ),
    feedback,
    navigator.onLine === false ? h('p', { class: 'muted small' }, t('newApp.offlineHint')) : null,
    h('div', { class: 'form__actions' }, button),
    draftStatus,
  );

  /** What is typed now, as a draft keeps it. */
  function readValues() {
    /** @type {any} */
    const values = {};
    for (const [name, x] of Object.entries(f)) values[name] = x.input.value;
    for (const [name, box] of Object.entries(boxes)) values[name] = box.input.checked;
    return completeValues(values);
  }

  /** @param {Record<string, string | boolean>} values */
  function fillValues(values) {
    const complete = completeValues(values);
    for (const [name, x] of Object.entries(f)) x.input.value = String(complete[name]);
    for (const [name, box] of Object.entries(boxes)) box.input.checked = complete[name] === true;
    updateHelpers();
  }

  // Live helpers: the grant ceiling for the cost typed, and the family's net surplus.
  function updateHelpers() {
    innovationBox.hidden = !boxes.hasInnovation.input.checked;
    const cost = toCents(normalizeMoneyInput(f.cost.input.value));
    if (cost !== null) {
      const forty = (cost * 40n + 50n) / 100n; // 40 % of the cost, rounded half-up to the céntimo
      const ceiling = forty < 500000n ? forty : 500000n; // at most S/ 5,000.00
      grantMax.textContent = t('newApp.grantMax', { amount: money(centsToString(ceiling)) });
    } else grantMax.textContent = '';
    const flows = [f.monthlyRevenue, f.monthlyCosts, f.householdExpenses, f.otherDebtPayments].map(
      (x) => toCents(normalizeMoneyInput(x.input.value)),
    );
    if (flows.every((v) => v !== null)) {
      const net = flows[0] - flows[1] - flows[2] - flows[3];
      surplus.textContent = t('newApp.surplus', { amount: money(centsToString(net)) });
      surplus.classList.toggle('negative', net <= 0n);
    } else surplus.textContent = '';
  }

  // Where the phone cannot keep drafts, one key for the life of the form (a retry after a lost
  // answer still registers the family once), renewed after a refusal as forms.js does.
  let formKey = newIdempotencyKey();
  /** @param {ReturnType<typeof readValues>} values */
  async function sendWithoutDraft(values) {
    try {
      const { body } = bodyFromValues(values);
      return await api('/applications', { method: 'POST', body, idempotencyKey: formKey });
    } catch (error) {
      if (!keepKeyAfter(error)) formKey = newIdempotencyKey();
      throw error;
    }
  }

  // ---- the draft on the phone ----

  const canKeep = draftsAvailable() && Boolean(owner);
  /** @type {Draft | null} */
  let draft = null;
  let lastSaved = '';
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<Draft | null>} */
  let saving = Promise.resolve(null);
  // Once the draft has become an application (or gone to wait on the phone), this form is done:
  // nothing typed into it afterwards may bring the draft back.
  let closed = false;
  function close() {
    closed = true;
    clearTimeout(timer);
    flushPending = null;
  }

  /** Writes what is typed (at once), after any save already under way; resolves to the draft. */
  function saveNow() {
    clearTimeout(timer);
    flushPending = null;
    if (!canKeep || closed) return Promise.resolve(null);
    saving = saving
      .catch(() => null)
      .then(async () => {
        if (closed) return null;
        const values = readValues();
        const json = JSON.stringify(values);
        if (!draft && isBlank(values)) return null;
        if (draft && json === lastSaved) return draft;
        const now = new Date().toISOString();
        if (!draft) {
          draft = newDraft({
            id: newIdempotencyKey(),
            key: newIdempotencyKey(),
            owner,
            values,
            now,
          });
          await putDraft(draft);
          // The address names the draft (without a new screen), so a reload reopens it.
          if (ctx.isCurrent()) history.replaceState(null, '', `#/new?draft=${draft.id}`);
        } else {
          const base = draft;
          draft = await modifyDraft(base.id, (stored) => edited(stored ?? base, values, now));
        }
        lastSaved = json;
        draftStatus.textContent = t('newApp.draftSaved', { time: clockTime(now) });
        return draft;
      });
    return saving;
  }

  function scheduleSave() {
    clearTimeout(timer);
    timer = setTimeout(() => saveNow().catch(() => undefined), SAVE_DELAY_MS);
    flushPending = () => {
      saveNow().catch(() => undefined);
    };
  }

  form.addEventListener('input', () => {
    updateHelpers();
    scheduleSave();
  });
  form.addEventListener('change', () => {
    updateHelpers();
    scheduleSave();
  });
  updateHelpers();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    mount(feedback);
    const values = readValues();
    const { problems } = bodyFromValues(values);
    Object.values(f).forEach((x) => x.setError(null));
    if (problems.length) {
      problems.forEach(([name, message]) => f[name]?.setError(message));
      mount(feedback, notice('error', h('p', { role: 'alert' }, t('errors.formInvalid'))));
      f[problems[0][0]]?.input.focus();
      saveNow().catch(() => undefined);
      return;
    }
    const label = button.textContent;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = t('newApp.submitting');
    try {
      const saved = canKeep ? await saveNow().catch(() => null) : null;
      if (!saved) {
        // No drafts on this browser (or its storage failed): sent as it is, with the form's key.
        const created = await sendWithoutDraft(values);
        if (created && ctx.isCurrent())
          showCreated(root, ctx, slipDataFrom(created, ctx.session?.name ?? owner));
        return;
      }
      const now = new Date().toISOString();
      draft = await modifyDraft(saved.id, (stored) => queued(stored ?? saved, now));
      const result = await sendDraft(saved.id);
      if (!ctx.isCurrent()) return;
      if (result.verdict === 'sent') {
        close();
        history.replaceState(null, '', '#/new');
        showCreated(root, ctx, slipDataFrom(result.created, ctx.session?.name ?? owner), {
          olderData: result.olderData === true,
        });
      } else if (result.verdict === 'refused') {
        draft = await getDraft(saved.id, owner);
        mount(
          feedback,
          notice('error', h('p', {}, t('newApp.draftRefused'))),
          errorBanner(result.error),
        );
        feedback.scrollIntoView({ block: 'center' });
      } else if (result.verdict === 'signedOut') {
        // The session ended: the sign-in screen is already on its way; the draft waits for the
        // officer to sign in again, and then goes by itself.
      } else if (result.verdict === null) {
        // Already on its way (sent in the background as the signal came back): its answer will
        // show here by itself.
      } else {
        // No signal, a lost answer, a server in trouble: it waits on the phone, and goes when the
        // signal returns — with the same key, so never twice.
        close();
        history.replaceState(null, '', '#/new');
        showSaved(root, ctx, values.name, result.verdict ?? 'offline');
      }
    } catch (error) {
      mount(feedback, errorBanner(error));
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = label;
    }
  });

  mount(
    root,
    pageTitle(t('newApp.title'), h('p', { class: 'muted' }, t('newApp.intro'))),
    canKeep ? null : notice('warning', h('p', {}, t('newApp.draftsUnavailable'))),
    form,
  );

  // A draft named in the address (opened from the list, or this form before a reload).
  const draftId = ctx.query.draft;
  if (draftId && canKeep) {
    getDraft(draftId, owner)
      .then((stored) => {
        if (!ctx.isCurrent()) return;
        if (!stored) {
          history.replaceState(null, '', '#/new');
          mount(feedback, notice('info', h('p', {}, t('newApp.draftMissing'))));
          return;
        }
        draft = stored;
        fillValues(stored.values);
        lastSaved = JSON.stringify(readValues());
        draftStatus.textContent = t('newApp.draftOpened', { at: dateTime(stored.savedAt) });
        if (stored.state === 'refused' && stored.refusal) {
          mount(
            feedback,
            notice('error', h('p', {}, t('newApp.draftRefused'))),
            errorBanner(new ApiError(stored.refusal.status, stored.refusal.body)),
          );
        } else if (stored.state === 'waiting' || stored.state === 'sending') {
          mount(feedback, notice('info', h('p', {}, t('newApp.draftWaiting'))));
        }
      })
      .catch((error) => mount(feedback, errorBanner(error)));
  }

  // A draft on screen that waits may be sent in the background (the signal came back, the
  // officer signed in again): show its answer here too.
  const follow = async () => {
    if (!ctx.isCurrent() || !root.contains(form)) return unsubscribe();
    if (!draft || button.disabled || draft.state === 'editing') return;
    const stored = await getDraft(draft.id, owner);
    if (!ctx.isCurrent() || !root.contains(form)) return;
    if (!stored) {
      const sent = sentApplications(owner).find((item) => item.draftId === draft.id);
      if (!sent) return;
      unsubscribe();
      close();
      history.replaceState(null, '', '#/new');
      showCreated(root, ctx, sent, { olderData: sent.olderData });
    } else if (stored.state === 'refused' && draft.state !== 'refused' && stored.refusal) {
      draft = stored;
      mount(
        feedback,
        notice('error', h('p', {}, t('newApp.draftRefused'))),
        errorBanner(new ApiError(stored.refusal.status, stored.refusal.body)),
      );
    } else draft = stored;
  };
  const offs = [onDraftsChange(follow), onSentChange(follow)];
  const unsubscribe = () => offs.forEach((off) => off());
}

/** "10:42": the time of day in Lima, in the screen's language. */
function clockTime(iso) {
  try {
    return new Intl.DateTimeFormat(getLocale(), {
      timeStyle: 'short',
      timeZone: 'America/Lima',
    }).format(new Date(iso));
  } catch {
    return iso.slice(11, 16);
  }
}

/**
 * Kept on the phone, to go when it can.
 *
 * @param {HTMLElement} root
 * @param {any} ctx
 * @param {string} name
 * @param {string} verdict
 */
function showSaved(root, ctx, name, verdict) {
  const sentence = {
    offline: 'newApp.savedOffline',
    server: 'newApp.savedServer',
    busy: 'newApp.savedBusy',
  };
  mount(
    root,
    pageTitle(t('newApp.savedTitle')),
    notice(
      'warning',
      h('p', { role: 'status' }, t(sentence[verdict] ?? sentence.offline, { name: name.trim() })),
      h('p', {}, t('newApp.savedNext')),
    ),
    h(
      'div',
      { class: 'form__actions' },
      h('a', { class: 'btn', href: '#/drafts' }, t('newApp.seeDrafts')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--primary',
          onClick: () => render(root, { ...ctx, query: {} }),
        },
        t('newApp.another'),
      ),
    ),
  );
  root.querySelector('h1')?.focus();
}

/**
 * The code and PIN, large, once, with the family's slip to print. Nothing keeps the PIN: leaving
 * this screen forgets it.
 *
 * @param {HTMLElement} root
 * @param {any} ctx
 * @param {import('../components/credentials-slip.js').SlipData} data
 * @param {{ olderData?: boolean }} [options]
 */
function showCreated(root, ctx, data, { olderData = false } = {}) {
  mount(
    root,
    pageTitle(t('newApp.doneTitle')),
    olderData ? notice('warning', h('p', {}, t('newApp.olderData'))) : null,
    credentialsPanel(data),
    h(
      'div',
      { class: 'form__actions' },
      data.id
        ? h('a', { class: 'btn', href: `#/applications/${data.id}` }, t('newApp.seeApplication'))
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--primary',
          onClick: () => render(root, { ...ctx, query: {} }),
        },
        t('newApp.another'),
      ),
    ),
  );
  root.querySelector('h1')?.focus();
}
