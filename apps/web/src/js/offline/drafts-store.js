// Drafts of new applications, kept on the device in IndexedDB (they outlive a reload, a closed tab
// and an ended session), one record per draft. Every change is announced to this page's screens
// and to the app's other tabs, so a list on screen follows the sending as it happens.
import { createStore, del, entries, get, promisifyRequest, set } from 'idb-keyval';
import { draftsOf } from './draft-rules.js';

/** @typedef {import('./draft-rules.js').Draft} Draft */

/** @type {import('idb-keyval').UseStore | null} */
let store = null;
function db() {
  store ??= createStore('qollqa-drafts', 'drafts');
  return store;
}

/** @type {Set<() => void>} */
const listeners = new Set();
const channel =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel('qollqa-drafts') : null;
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

function changed() {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

/**
 * Calls `listener` after any change to the drafts (here or in another tab); returns the unsubscribe.
 *
 * @param {() => void} listener
 * @returns {() => void}
 */
export function onDraftsChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether this browser can keep drafts (IndexedDB may be blocked in some private modes). */
export function draftsAvailable() {
  return typeof indexedDB !== 'undefined';
}

/**
 * The officer's own drafts, most recently saved first (never another officer's).
 *
 * @param {string} owner
 * @returns {Promise<Draft[]>}
 */
export async function listDrafts(owner) {
  const all = await entries(db());
  return draftsOf(
    all.map(([, value]) => value),
    owner,
  );
}

/**
 * One of the officer's drafts, or null (none with that id, or another officer's).
 *
 * @param {string} id
 * @param {string} owner
 * @returns {Promise<Draft | null>}
 */
export async function getDraft(id, owner) {
  const draft = await get(id, db());
  return draft && draft.owner === owner ? draft : null;
}

/**
 * Writes a draft as it is.
 *
 * @param {Draft} draft
 */
export async function putDraft(draft) {
  await set(draft.id, draft, db());
  changed();
}

/**
 * Changes a draft in one transaction: `change` gets the stored record (undefined when there is
 * none) and returns the new one, null to remove it, or undefined to leave it as it is.
 *
 * @param {string} id
 * @param {(current: Draft | undefined) => Draft | null | undefined} change
 * @returns {Promise<Draft | null | undefined>} what is stored afterwards
 */
export async function modifyDraft(id, change) {
  /** @type {{ current: Draft | undefined, next: Draft | null | undefined }} */
  const result = await db()(
    'readwrite',
    (objects) =>
      new Promise((resolve, reject) => {
        const request = objects.get(id);
        request.onerror = () => reject(request.error);
        // Written inside the read's own event, while the transaction is still open.
        request.onsuccess = () => {
          try {
            const current = request.result;
            const next = change(current);
            if (next === null) objects.delete(id);
            else if (next !== undefined) objects.put(next, id);
            promisifyRequest(objects.transaction).then(() => resolve({ current, next }), reject);
          } catch (error) {
            reject(error);
          }
        };
      }),
  );
  if (result.next !== undefined) changed();
  return result.next === undefined ? result.current : result.next;
}

/**
 * Removes a draft.
 *
 * @param {string} id
 */
export async function removeDraft(id) {
  await del(id, db());
  changed();
}
