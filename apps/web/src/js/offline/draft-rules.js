// The life of a draft of a new application, as plain functions of plain records (no storage, no
// network), so each rule can be read — and tested — on its own.
//
//   editing ──submit──▶ waiting ──send──▶ sending ──201──▶ (removed: the application exists)
//      ▲                   ▲                 │
//      │                   └── no signal, ───┤  a lost answer, a 5xx, a 409 "still processing",
//      │                       signed out    │  an ended session (401): it waits for the next try
//      └──── edit ◀── refused ◀── 4xx ───────┘  the API said no (validation, a rule): to be fixed
//
// Each draft carries one Idempotency-Key, made with it: sending it again after a lost answer gets
// the first answer back instead of a second application. A refusal is kept by the server under
// that key too, so after one the draft gets a fresh key for the corrected version.

/**
 * @typedef {'editing' | 'waiting' | 'sending' | 'refused'} DraftState
 *
 * @typedef {object} Draft
 * @property {string} id
 * @property {string} owner the username of the officer who typed it: only they see or send it
 * @property {string} key the Idempotency-Key its POST carries
 * @property {string | null} keyBody the body first sent with `key` (JSON), null before any send
 * @property {Record<string, string | boolean>} values what was typed, field by field
 * @property {DraftState} state
 * @property {{ status: number, body: any } | null} refusal the API's answer when it said no
 * @property {Verdict | null} problem why a waiting draft has not gone yet
 * @property {string} createdAt
 * @property {string} savedAt
 * @property {string | null} queuedAt when the officer asked for it to be sent
 * @property {number} attempts
 *
 * @typedef {'sent' | 'refused' | 'offline' | 'signedOut' | 'busy' | 'server' | 'replayFirst'} Verdict
 *
 * @typedef {{ ok: true } | { ok?: false, status: number, code?: string | null }} Answer
 */

export const KEY_IN_PROGRESS = 'IDEMPOTENCY_KEY_IN_PROGRESS';
export const KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/**
 * A new draft, as the officer starts typing.
 *
 * @param {{ id: string, key: string, owner: string, values: Record<string, string | boolean>, now: string }} init
 * @returns {Draft}
 */
export function newDraft({ id, key, owner, values, now }) {
  return {
    id,
    owner,
    key,
    keyBody: null,
    values,
    state: 'editing',
    refusal: null,
    problem: null,
    createdAt: now,
    savedAt: now,
    queuedAt: null,
    attempts: 0,
  };
}

/**
 * The officer changed something: the draft is theirs to finish again, and is not sent until they
 * submit it. A refusal's reason stays on show until then.
 *
 * @param {Draft} draft
 * @param {Record<string, string | boolean>} values
 * @param {string} now
 * @returns {Draft}
 */
export function edited(draft, values, now) {
  return { ...draft, values, savedAt: now, state: 'editing', problem: null };
}

/**
 * The officer submitted it: it waits to be sent (at once when there is signal).
 *
 * @param {Draft} draft
 * @param {string} now
 * @returns {Draft}
 */
export function queued(draft, now) {
  return {
    ...draft,
    state: 'waiting',
    queuedAt: draft.queuedAt ?? now,
    refusal: null,
    problem: null,
  };
}

/**
 * On its way: the body sent is remembered as the key's body the first time, so a later version
 * sent under the same key can tell that the server may already hold the first one.
 *
 * @param {Draft} draft
 * @param {string} bodyJson
 * @returns {Draft}
 */
export function sending(draft, bodyJson) {
  return {
    ...draft,
    state: 'sending',
    keyBody: draft.keyBody ?? bodyJson,
    attempts: draft.attempts + 1,
  };
}

/**
 * What an answer to a draft's POST means.
 *
 * - 201 → sent.
 * - no answer (no signal, a timeout, an answer lost on the way) → offline: the application may
 *   exist; the same key will tell.
 * - 401 → signedOut: the session ended; it goes when the officer signs in again.
 * - 409 "still processing" → busy: the first try is still running on the server.
 * - 408, 429, 5xx → server: may go through later, unchanged.
 * - 422 "key used with another body", when an earlier version went under this key →
 *   replayFirst: ask for the first answer with that earlier body.
 * - any other 4xx → refused: the officer must fix it.
 *
 * @param {Answer} answer
 * @param {{ sentEarlierBody?: boolean }} [context] whether an earlier, different body went out under the key
 * @returns {Verdict}
 */
export function verdictOf(answer, { sentEarlierBody = false } = {}) {
  if (answer.ok === true) return 'sent';
  const { status, code = null } = /** @type {{ status: number, code?: string | null }} */ (answer);
  if (status === 0) return 'offline';
  if (status === 401) return 'signedOut';
  if (status === 409 && (code === KEY_IN_PROGRESS || !code)) return 'busy';
  if (status === 408 || status === 429 || status >= 500) return 'server';
  if (status === 422 && code === KEY_REUSED && sentEarlierBody) return 'replayFirst';
  return 'refused';
}

/**
 * Whether a verdict ends this round of sending: with no signal, no session or a server in trouble,
 * the next drafts would only meet the same fate.
 *
 * @param {Verdict} verdict
 */
export function endsRound(verdict) {
  return verdict === 'offline' || verdict === 'signedOut' || verdict === 'server';
}

/**
 * The draft after its answer: null once sent (the application exists; the draft is done), marked
 * with the reason and a fresh key when refused, waiting otherwise.
 *
 * @param {Draft} draft
 * @param {Verdict} verdict
 * @param {{ refusal?: { status: number, body: any } | null, newKey: () => string }} details
 * @returns {Draft | null}
 */
export function afterVerdict(draft, verdict, { refusal = null, newKey }) {
  if (verdict === 'sent') return null;
  if (verdict === 'refused') {
    return { ...draft, state: 'refused', refusal, problem: null, key: newKey(), keyBody: null };
  }
  // Edited while it was on its way: the officer's changes win; it waits for their submit.
  const state = draft.state === 'editing' ? 'editing' : 'waiting';
  return { ...draft, state, problem: verdict === 'replayFirst' ? 'busy' : verdict };
}

/**
 * The drafts to send now, oldest request first: those waiting, and those left "sending" by a page
 * that closed mid-way (`inFlight`: the ids this page is sending right now). Drafts being edited
 * or refused wait for their officer.
 *
 * @param {Draft[]} drafts
 * @param {{ owner: string, inFlight?: Set<string> }} context
 * @returns {Draft[]}
 */
export function toSend(drafts, { owner, inFlight = new Set() }) {
  return drafts
    .filter((d) => d.owner === owner)
    .filter((d) => d.state === 'waiting' || d.state === 'sending')
    .filter((d) => !inFlight.has(d.id))
    .sort((a, b) =>
      String(a.queuedAt ?? a.createdAt).localeCompare(String(b.queuedAt ?? b.createdAt)),
    );
}

/**
 * The drafts an officer sees (never another officer's), the most recently saved first.
 *
 * @param {Draft[]} drafts
 * @param {string} owner
 * @returns {Draft[]}
 */
export function draftsOf(drafts, owner) {
  return drafts
    .filter((d) => d && d.owner === owner)
    .sort((a, b) => String(b.savedAt).localeCompare(String(a.savedAt)));
}
