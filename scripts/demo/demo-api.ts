/** A small client of the public API, as any outside client would use it. */
export class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async signIn(username: string): Promise<void> {
    const body = await this.call('POST', '/api/auth/login', undefined, {
      username,
      password: `${username}-demo`,
    });
    this.tokens.set(username, (body as { accessToken: string }).accessToken);
  }

  get<T>(as: string, path: string): Promise<T> {
    return this.call('GET', path, as) as Promise<T>;
  }

  post<T>(as: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return this.call('POST', path, as, body, idempotencyKey) as Promise<T>;
  }

  /** POST, where a 409 means "already done" (a second start of the demo): false then. */
  async postUnlessConflict(as: string, path: string, body: unknown): Promise<boolean> {
    try {
      await this.post(as, path, body);
      return true;
    } catch (err) {
      if ((err as Error).message.includes(' → 409:')) return false;
      throw err;
    }
  }

  private async call(
    method: string,
    path: string,
    as?: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${this.tokens.get(as)}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('demo data: timed out waiting for the system');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
