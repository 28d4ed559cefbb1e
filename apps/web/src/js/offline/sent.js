// Applications that drafts became while the officer was elsewhere (sent when the signal came back,
// or after signing in again): their reference and the family's PIN must still reach the family, so
// they are kept until the officer says they have noted them — in this tab's session storage only,
// which dies with the tab like the session itself, never in the device's lasting storage.

const STORAGE_KEY = 'qollqa.sentDrafts';

/**
 * @typedef {object} SentApplication
 * @property {string} owner the officer's username
 * @property {string} id the application's id
 * @property {string} reference
 * @property {string} pin
 * @property {string} name the family's name
 * @property {string} amount
 * @property {string} officer the officer's name, as the family should know it
 * @property {string} createdAt
 * @property {boolean} olderData created with the version sent first (later edits did not go)
 * @property {string} [draftId] the draft it was sent from
 */

/** @type {Set<() => void>} */
const listeners = new Set();

/**
 * @param {() => void} listener
 * @returns {() => void}
 */
export function onSentChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @returns {SentApplication[]} */
function readAll() {
  try {
    const list = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** @param {SentApplication[]} list */
function writeAll(list) {
  try {
    if (list.length) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(list));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or blocked: the results stay on screen until the page is left.
  }
  listeners.forEach((listener) => listener());
}

/**
 * This officer's applications sent from drafts and not yet put away, oldest first.
 *
 * @param {string} owner
 * @returns {SentApplication[]}
 */
export function sentApplications(owner) {
  return readAll().filter((item) => item.owner === owner);
}

/**
 * Keeps what the API answered for a draft that was just sent.
 *
 * @param {SentApplication} item
 */
export function rememberSent(item) {
  writeAll([...readAll().filter((x) => x.id !== item.id), item]);
}

/**
 * The officer has noted it (or handed over the slip): forget the PIN.
 *
 * @param {string} id
 */
export function forgetSent(id) {
  writeAll(readAll().filter((x) => x.id !== id));
}
