/** What the clients saw on their way: the retries the faults cost, and any answer that is a bug. */
export interface ClientStats {
  requests: number;
  retries: number;
  networkErrors: number;
  unavailable: number;
  keyInProgress: number;
  /** 500s (and any 5xx but 503): each one a bug, whatever the fault. */
  serverErrors: string[];
  /** Every POST answered 2xx: the change (or sign-in) the audit trail must hold, by request id. */
  acknowledgedPosts: { requestId: string; action: string; status: number }[];
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  /** The X-Request-Id of the attempt that got this answer. */
  requestId: string;
}

/** How long one request is retried before the season gives up on it. */
const REQUEST_DEADLINE_MS = 240_000;
/** How long one attempt may take (a killed gateway resets at once; a stalled one answers 503). */
const ATTEMPT_TIMEOUT_MS = 30_000;

/**
 * The season's clients: every request goes to one of the gateways in turn, and is sent again — to the
 * next gateway, with the same body and Idempotency-Key — when it did not get an answer (connection
 * refused or reset, a timeout), got 503 (a service or the database out of reach) or 409
 * IDEMPOTENCY_KEY_IN_PROGRESS (the first attempt still holds the key, or its dead gateway's lease has
 * not run out), as an officer's phone would. Any other answer is the request's answer.
 */
export class RetryingClient {
  readonly stats: ClientStats = {
    requests: 0,
    retries: 0,
    networkErrors: 0,
    unavailable: 0,
    keyInProgress: 0,
    serverErrors: [],
    acknowledgedPosts: [],
  };
  private readonly tokens = new Map<string, string>();
  private next = 0;

  constructor(private readonly gateways: string[]) {}

  async signIn(as: string, username: string, password: string): Promise<void> {
    const answer = await this.send<{ accessToken?: string }>(undefined, 'POST', '/api/auth/login', {
      username,
      password,
    });
    if (answer.status !== 200) {
      throw new Error(
        `${username} could not sign in: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    this.tokens.set(as, String(answer.body.accessToken));
  }

  get<T = Record<string, unknown>>(as: string, path: string): Promise<Answer<T>> {
    return this.send<T>(as, 'GET', path);
  }

  post<T = Record<string, unknown>>(
    as: string,
    path: string,
    body: unknown,
    idempotencyKey: string,
  ): Promise<Answer<T>> {
    return this.send<T>(as, 'POST', path, body, idempotencyKey);
  }

  /** Polls a GET until `done` says what it waited for, or the deadline passes. */
  async waitFor<T, R>(
    as: string,
    path: string,
    done: (answer: Answer<T>) => R | undefined,
    what: string,
    timeoutMs = REQUEST_DEADLINE_MS,
  ): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = done(await this.get<T>(as, path));
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(400);
    }
  }

  private async send<T>(
    as: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (as) headers.authorization = `Bearer ${this.tokens.get(as)}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const deadline = Date.now() + REQUEST_DEADLINE_MS;
    const request = ++this.stats.requests;
    for (let attempt = 1; ; attempt++) {
      const gateway = this.gateways[this.next++ % this.gateways.length];
      // Each attempt its own id: the audit trail names the one that was answered.
      const requestId = `chaos-${request}-${attempt}`;
      headers['x-request-id'] = requestId;
      let retryWhy: string;
      try {
        const response = await fetch(`${gateway}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await response.text();
        const parsed = (text ? JSON.parse(text) : {}) as T & { code?: string };
        if (response.status === 503) {
          this.stats.unavailable++;
          retryWhy = '503';
        } else if (response.status === 409 && parsed.code === 'IDEMPOTENCY_KEY_IN_PROGRESS') {
          this.stats.keyInProgress++;
          retryWhy = '409 key in progress';
        } else if (response.status >= 500) {
          this.stats.serverErrors.push(
            `${method} ${path} → ${response.status} ${text.slice(0, 300)}`,
          );
          retryWhy = String(response.status);
        } else {
          if (method === 'POST' && response.status < 300) {
            this.stats.acknowledgedPosts.push({
              requestId,
              action: `${method} ${path}`,
              status: response.status,
            });
          }
          return { status: response.status, body: parsed, requestId };
        }
      } catch (err) {
        // No answer: the gateway was killed, not up yet, or the answer was cut.
        this.stats.networkErrors++;
        retryWhy = (err as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(`${method} ${path}: no answer after ${attempt} attempts (${retryWhy})`);
      }
      this.stats.retries++;
      await sleep(Math.min(2000, 150 * attempt));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
