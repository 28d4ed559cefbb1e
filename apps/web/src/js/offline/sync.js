// Sending drafts: one at a time, each with its own Idempotency-Key, when the officer submits one,
// when the signal comes back (`online`) and when the officer signs in again. What each answer means
// for the draft is decided in draft-rules.js; this module only does the talking and the storing.
import { api, ApiError, getSession, nameFromToken, newIdempotencyKey } from '../api.js';
import { slipDataFrom } from '../components/credentials-slip.js';
import { bodyFromValues, completeValues } from './application-body.js';
import { afterVerdict, endsRound, sending, toSend, verdictOf } from './draft-rules.js';
import { listDrafts, modifyDraft } from './drafts-store.js';
import { rememberSent } from './sent.js';

/** @typedef {import('./draft-rules.js').Draft} Draft */
/** @typedef {import('./draft-rules.js').Verdict} Verdict */

/**
 * Who owns the drafts typed in this session: the officer's username (the token's `name` claim).
 *
 * @param {{ token: string, name?: string } | null} session
 * @returns {string | null}
 */
export function ownerOf(session) {
  if (!session) return null;
  return nameFromToken(session.token) ?? session.name ?? null;
}

// The ids this page is sending right now (a draft the officer is still editing is never sent:
// editing takes it out of the waiting state until they submit it again).
/** @type {Set<string>} */
const inFlight = new Set();

/**
 * Whether this page is sending that draft right now.
 *
 * @param {string} id
 */
export function isSending(id) {
  return inFlight.has(id);
}

/**
 * One POST of the application with `key`.
 *
 * @param {any} body
 * @param {string} key
 * @returns {Promise<{ answer: import('./draft-rules.js').Answer, created?: any, error?: any }>}
 */
async function post(body, key) {
  try {
    const created = await api('/applications', { method: 'POST', body, idempotencyKey: key });
    return { answer: { ok: true }, created };
  } catch (error) {
    if (error instanceof ApiError)
      return { answer: { status: error.status, code: error.code }, error };
    return { answer: { status: 0 }, error }; // not an answer at all: try again later
  }
}

/**
 * Sends one of the officer's drafts now. The draft must be queued (submitted) already.
 *
 * @param {string} id
 * @returns {Promise<{ verdict: Verdict | null, created?: any, error?: any, olderData?: boolean }>}
 *   `verdict` null: nothing was sent (not this officer's, gone, or already on its way)
 */
export async function sendDraft(id) {
  const session = getSession();
  const owner = ownerOf(session);
  if (!owner || session.role !== 'loan_officer' || inFlight.has(id)) return { verdict: null };
  inFlight.add(id);
  try {
    let body = null;
    let problems = [];
    const draft = await modifyDraft(id, (current) => {
      if (!current || current.owner !== owner) return undefined;
      if (current.state !== 'waiting' && current.state !== 'sending') return undefined;
      ({ body, problems } = bodyFromValues(completeValues(current.values)));
      if (problems.length) {
        const message = problems.map(([, text]) => text);
        return { ...current, state: 'refused', refusal: { status: 400, body: { message } } };
      }
      return sending(current, JSON.stringify(body));
    });
    if (!draft || draft.state !== 'sending') return { verdict: null };

    const bodyJson = JSON.stringify(body);
    let { answer, created, error } = await post(body, draft.key);
    let verdict = verdictOf(answer, { sentEarlierBody: draft.keyBody !== bodyJson });
    let olderData = false;

    if (verdict === 'replayFirst') {
      // The server holds another version under this key (sent before an answer was lost): ask for
      // its answer with that version.
      ({ answer, created, error } = await post(JSON.parse(draft.keyBody), draft.key));
      verdict = verdictOf(answer);
      olderData = verdict === 'sent';
      if (verdict === 'refused') {
        // That version was refused: this one goes under a fresh key of its own.
        const fresh = newIdempotencyKey();
        await modifyDraft(id, (current) =>
          current ? { ...current, key: fresh, keyBody: bodyJson } : undefined,
        );
        ({ answer, created, error } = await post(body, fresh));
        verdict = verdictOf(answer);
      }
    }

    const refusal = verdict === 'refused' && error instanceof ApiError ? error : null;
    // Applied to the record as it is now (the officer may have changed it meanwhile).
    inFlight.delete(id);
    await modifyDraft(id, (current) =>
      current
        ? afterVerdict(current, verdict, {
            refusal: refusal ? { status: refusal.status, body: refusal.body } : null,
            newKey: newIdempotencyKey,
          })
        : undefined,
    );
    return { verdict, created, error, olderData };
  } finally {
    inFlight.delete(id);
  }
}

/** @type {Promise<void> | null} */
let running = null;
let again = false;

/**
 * Sends every draft of the signed-in officer that waits, oldest first, one at a time. Those that
 * go through are kept (reference and PIN) for the officer to hand to the family. A round stops at
 * the first sign that the others would fail too (no signal, no session, a server in trouble).
 *
 * @returns {Promise<void>}
 */
export function syncDrafts() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await round();
    } while (again);
  })()
    .catch(() => undefined) // storage trouble: the drafts stay as they are, for the next round
    .finally(() => {
      running = null;
    });
  return running;
}

async function round() {
  const session = getSession();
  const owner = ownerOf(session);
  if (!owner || session.role !== 'loan_officer') return;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  const drafts = toSend(await listDrafts(owner), { owner, inFlight });
  for (const draft of drafts) {
    if (getSession()?.token !== session.token) return; // signed out meanwhile
    const result = await sendDraft(draft.id);
    if (result.verdict === 'sent' && result.created) {
      rememberSent({
        owner,
        ...slipDataFrom(result.created, session.name ?? owner),
        draftId: draft.id,
        olderData: result.olderData === true,
      });
    }
    if (result.verdict && endsRound(result.verdict)) return;
  }
}
