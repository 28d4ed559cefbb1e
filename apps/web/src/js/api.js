// fetch wrapper for /api: the bearer token, the UI's language (Accept-Language: the server answers
// its messages in it), JSON in and out, CSV downloads, and one error type (ApiError) for every
// failure — an HTTP error, no network, a timeout — so screens handle them all the same way.
import { getLang, t } from './i18n.js';

const SESSION_KEY = 'qollqa.session';
const TIMEOUT_MS = 30000; // rural connections are slow; a close of business may take a while

// ---- session (sessionStorage: the token dies with the tab, which suits shared phones) ----

/**
 * The signed-in person: the token, its role, and `name`, the name the header greets them with —
 * the sign-in answer's `displayName` (a member of staff's name, a family's enterprise name).
 *
 * @returns {{ token: string, role: string, name?: string } | null}
 */
export function getSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    const session = raw ? JSON.parse(raw) : null;
    return session && session.token && session.role ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/**
 * The `name` claim inside a JWT's payload: the account — a username, or a family's reference —
 * not the name to greet the person with (that is the session's `name`). Read only for what the
 * UI keeps per account; the server checks the token.
 *
 * @param {string} token
 * @returns {string | null}
 */
export function nameFromToken(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(
        '',
      ),
    );
    const claims = JSON.parse(json);
    return typeof claims.name === 'string' ? claims.name : null;
  } catch {
    return null;
  }
}

// ---- errors ----

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when no answer came (offline, timeout)
   * @param {object|string|null} body the answer's body: { statusCode, message, error, code }
   */
  constructor(status, body, kind = 'http', { retryAfter = null } = {}) {
    const raw = body && typeof body === 'object' ? body.message : body;
    const messages = (Array.isArray(raw) ? raw : [raw])
      .filter((m) => m !== undefined && m !== null && m !== '')
      .map(String);
    super(messages.join('; ') || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.kind = kind; // 'http' | 'network' | 'timeout'
    this.messages = messages;
    // The stable word the API gives every refusal (LOAN_CLOSED…): the UI has its own sentence for
    // the codes it knows, and never shows a code itself.
    this.code =
      body && typeof body === 'object' && typeof body.code === 'string' ? body.code : null;
    this.retryAfter = retryAfter; // seconds, from a 429's Retry-After
  }

  /**
   * A route the gateway does not have yet answers 404 ROUTE_NOT_FOUND ("Cannot GET …"): other engineers
   * are still building it, so the UI says "not available yet" rather than "not found".
   */
  get routeMissing() {
    return (
      this.status === 404 &&
      (this.body?.code === 'ROUTE_NOT_FOUND' ||
        this.messages.some((m) => /^Cannot (GET|POST|PUT|PATCH|DELETE) /.test(m)))
    );
  }
}

// Set by the router: what to do when the server says the token is no longer good.
/** @type {(role: string | null) => void} */
let onUnauthorized = () => {};
/** @param {(role: string | null) => void} handler */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** The URL of an API path with its query (empty values left out). */
function apiUrl(path, query) {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * fetch with the headers every call carries (the UI's language, the token) and a timeout; any
 * failure to get an answer becomes an ApiError with status 0.
 */
/**
 * @param {URL} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string, auth?: boolean }} options
 */
async function send(url, { method = 'GET', headers = {}, body, auth = true }) {
  /** @type {Record<string, string>} */
  const all = { 'Accept-Language': getLang(), ...headers };
  const session = getSession();
  if (auth && session) all.Authorization = `Bearer ${session.token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    return {
      session,
      response: await fetch(url, { method, headers: all, body, signal: controller.signal }),
    };
  } catch (err) {
    const timedOut = err && err.name === 'AbortError';
    throw new ApiError(
      0,
      { message: t(timedOut ? 'errors.timeout' : 'errors.network') },
      timedOut ? 'timeout' : 'network',
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The answer's body as JSON (or its text as a message), and an ApiError when it is a refusal. */
async function read(response, session, { auth, sessionCheck }) {
  let payload = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = { message: text.slice(0, 300) }; // a proxy's HTML error page, say
    }
  }
  if (response.status === 401 && auth && sessionCheck) {
    clearSession();
    onUnauthorized(session?.role ?? null);
  }
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, payload, 'http', {
      retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
    });
  }
  return payload;
}

/**
 * Calls the API. `auth: false` for the sign-in calls, whose 401 means "wrong credentials", not
 * "session expired"; `sessionCheck: false` for a call with the token whose 401 means something
 * else too (a wrong current password). `idempotencyKey` makes a retried POST safe.
 *
 * @param {string} path the API path after /api
 * @param {{ method?: string, body?: unknown, query?: Record<string, unknown>,
 *   idempotencyKey?: string, auth?: boolean, sessionCheck?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(
  path,
  { method = 'GET', body, query, idempotencyKey, auth = true, sessionCheck = true } = {},
) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const { response, session } = await send(apiUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    auth,
  });
  return read(response, session, { auth, sessionCheck });
}

/**
 * Downloads a list as CSV (every matching row, no paging): fetched with the token and
 * `Accept: text/csv` — a plain link could not carry the token — then saved from a Blob.
 */
export async function downloadCsv(path, query, filename) {
  const { response, session } = await send(apiUrl(path, query), {
    headers: { Accept: 'text/csv' },
  });
  if (!response.ok) return read(response, session, { auth: true, sessionCheck: true });
  // A server that does not export this list yet answers JSON: that is no CSV file to save.
  if (!/text\/csv/i.test(response.headers.get('Content-Type') ?? ''))
    throw new ApiError(406, { message: t('errors.csvUnavailable') });
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  return { filename, size: blob.size };
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID() exists only on HTTPS or localhost, and the app may
 * be opened over plain HTTP on a field office's network, so build a v4 UUID from getRandomValues.
 */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Whether a form may keep its Idempotency-Key for the next attempt after this error. The server
 * remembers 4xx answers under the key, so after a refusal (bad data, a rule) the corrected form
 * needs a new key — or it would get the same refusal back, or "key used with a different body".
 * After no answer at all, a 5xx, or a 409 "still being processed", the first attempt may have
 * gone through: keep the key so a retry cannot do it twice.
 */
export function keepKeyAfter(error) {
  return (
    !(error instanceof ApiError) ||
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 409
  );
}
