// The family's page kept on this device (IndexedDB), so it can be read without signal: after each
// visit that loaded everything, the answers of the API as they came (its applications and loans),
// keyed by the reference the family signs in with, with the time they were saved. Never the PIN
// or the token. Signing out deletes the family's copy; a session that simply ends keeps it.
import { createStore, del, get, set } from 'idb-keyval';

const VERSION = 1;

/** @type {ReturnType<typeof createStore> | null} */
let store = null;

/** The database is opened at the first use, never at load (a test or an old browser may have none). */
function copies() {
  if (!store) store = createStore('qollqa-family', 'copies');
  return store;
}

/**
 * @typedef {object} FamilyCopy
 * @property {number} version
 * @property {string} reference the family's reference, as it signs in ("QL-7K4M2P")
 * @property {string} savedAt when the copy was made (ISO timestamp)
 * @property {any[]} applications GET /api/me/applications, newest first
 * @property {Record<string, any>} loans GET /api/loans/{id} of each application's loan, by id
 */

/**
 * The key of a family's copy: its reference in capitals, without spaces around it.
 * @param {unknown} reference
 * @returns {string}
 */
export function copyKey(reference) {
  return String(reference ?? '')
    .trim()
    .toUpperCase();
}

/**
 * A copy of what the page showed, ready to store.
 * @param {string} reference
 * @param {{ applications: any[], loans: Record<string, any> }} data
 * @param {Date} [now]
 * @returns {FamilyCopy}
 */
export function makeFamilyCopy(reference, { applications, loans }, now = new Date()) {
  return {
    version: VERSION,
    reference: copyKey(reference),
    savedAt: now.toISOString(),
    applications: Array.isArray(applications) ? applications : [],
    loans: loans && typeof loans === 'object' ? loans : {},
  };
}

/**
 * Whether a stored value is a copy this version of the app can show (an older or damaged one is
 * not shown: better nothing than a wrong balance).
 * @param {any} value
 * @returns {value is FamilyCopy}
 */
export function isFamilyCopy(value) {
  return Boolean(
    value &&
    typeof value === 'object' &&
    value.version === VERSION &&
    typeof value.reference === 'string' &&
    typeof value.savedAt === 'string' &&
    !Number.isNaN(new Date(value.savedAt).getTime()) &&
    Array.isArray(value.applications) &&
    value.loans &&
    typeof value.loans === 'object',
  );
}

/**
 * Keeps the family's page on this device. Resolves to false when the device cannot store it
 * (no IndexedDB, storage full, a private window): the page works the same, only not offline.
 * @param {string} reference
 * @param {{ applications: any[], loans: Record<string, any> }} data
 * @returns {Promise<boolean>}
 */
export async function saveFamilyCopy(reference, data) {
  const key = copyKey(reference);
  if (!key) return false;
  try {
    await set(key, makeFamilyCopy(key, data), copies());
    return true;
  } catch {
    return false;
  }
}

/**
 * The last copy saved for this reference, or null.
 * @param {string} reference
 * @returns {Promise<FamilyCopy | null>}
 */
export async function readFamilyCopy(reference) {
  const key = copyKey(reference);
  if (!key) return null;
  try {
    const value = await get(key, copies());
    return isFamilyCopy(value) && value.reference === key ? value : null;
  } catch {
    return null;
  }
}

/**
 * Deletes the family's copy from this device (on signing out).
 * @param {string} reference
 * @returns {Promise<void>}
 */
export async function forgetFamilyCopy(reference) {
  const key = copyKey(reference);
  if (!key) return;
  try {
    await del(key, copies());
  } catch {
    // Nothing stored, or no storage at all: nothing to delete.
  }
}
