import { CreateUserService } from '../../apps/gateway/src/users/services/create-user.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

/**
 * API.md 429: five failed sign-ins for one account (username or reference) within 15 minutes lock
 * it for 15 minutes however many arrive at once; twenty from one client address lock that
 * address's sign-ins. Each test signs in from an address of its own (X-Forwarded-For, trusted from
 * loopback), so the per-address count of one test never reaches another.
 */
describe('Sign-in limits', () => {
  let system: TestSystem;
  let officer: string;
  let addresses = 0;
  const newAddress = () => `198.51.100.${++addresses}`;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'limits' });
    officer = await system.token('officer');
  });
  afterAll(() => system?.close());

  const staffSignIn = (address: string, username: string, password: string) =>
    system
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', address)
      .send({ username, password });
  const familySignIn = (address: string, reference: string, pin: string) =>
    system
      .http()
      .post('/api/auth/enterprise')
      .set('X-Forwarded-For', address)
      .send({ reference, pin });
  const newApplication = async () =>
    (
      await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${officer}`)
        .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
        .expect(201)
    ).body as { reference: string; pin: string };
  const newStaff = (username: string, password: string) =>
    system
      .app('gateway')
      .get(CreateUserService)
      .execute({ username, password, role: 'loan_officer', displayName: username });
  /** The attempts the gateway recorded for a key: each one that was compared and failed. */
  const recordedFailures = async (key: string) =>
    (
      await system.query<{ failures: number }>(
        `SELECT count(*)::int AS failures FROM gateway.sign_in_attempt WHERE key = $1 AND outcome = 'failed'`,
        [key],
      )
    )[0].failures;
  const expectRetryAfter = (response: { headers: Record<string, string> }) => {
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    const seconds = Number(response.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  };

  it('evaluates at most 5 of 30 wrong PINs sent at once: 5 answers 401, 25 answers 429 with Retry-After', async () => {
    const { reference, pin } = await newApplication();
    const wrongPin = pin === '000000' ? '111111' : '000000';
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => familySignIn(address, reference, wrongPin)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expectRetryAfter(answer);
      expect(answer.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'TOO_MANY_ATTEMPTS',
      });
    }
    // The gateway compared 5 PINs and recorded each failure: the 25 others never reached a PIN.
    expect(await recordedFailures(`reference:${reference}`)).toBe(5);
    // Locked: even the right PIN is refused now (from anywhere), with Retry-After.
    const locked = await familySignIn(newAddress(), reference, pin).expect(429);
    expectRetryAfter(locked);
  });

  it('evaluates at most 5 of 30 wrong passwords sent at once for one username', async () => {
    await newStaff('burst.user', 'the-right-password');
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => staffSignIn(address, 'burst.user', `wrong-${i}`)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    answers.filter((a) => a.status === 429).forEach(expectRetryAfter);
    expect(await recordedFailures('user:burst.user')).toBe(5);
    await staffSignIn(newAddress(), 'burst.user', 'the-right-password').expect(429);
  });

  it('locks an unknown username exactly like a known one: the answer does not tell which exists', async () => {
    await newStaff('known.user', 'known-user-password');
    const address = newAddress();
    const lock = async (username: string) => {
      for (let i = 0; i < 5; i++) await staffSignIn(address, username, 'guess').expect(401);
      return staffSignIn(address, username, 'guess').expect(429);
    };
    const known = await lock('known.user');
    const unknown = await lock('nobody.here');
    // The same answer, but for when each lock ends (each began at its own 5th failure).
    expect({ ...known.body, retryAt: 'when' }).toEqual({ ...unknown.body, retryAt: 'when' });
    expect(Date.parse(known.body.retryAt)).toBeLessThanOrEqual(Date.parse(unknown.body.retryAt));
    expectRetryAfter(known);
    expectRetryAfter(unknown);
  });

  it('a success clears the account: 4 failures, the right password, 4 more failures are not a lock', async () => {
    await newStaff('careful.user', 'careful-user-password');
    const address = newAddress();
    for (let i = 0; i < 4; i++) await staffSignIn(address, 'careful.user', 'guess').expect(401);
    await staffSignIn(address, 'careful.user', 'careful-user-password').expect(200);
    for (let i = 0; i < 4; i++) await staffSignIn(address, 'careful.user', 'guess').expect(401);
    await staffSignIn(address, 'careful.user', 'careful-user-password').expect(200);
  });

  it('locks an address after 20 failed sign-ins across different usernames: the 21st → 429', async () => {
    await newStaff('office.user', 'office-user-password');
    const address = newAddress();
    for (let i = 0; i < 20; i++) {
      // Different accounts, none of them reaching its own limit of 5.
      await staffSignIn(address, `spray.${i}`, 'password123').expect(401);
    }
    const refused = await staffSignIn(address, 'spray.20', 'password123').expect(429);
    expectRetryAfter(refused);
    // Every sign-in from that address is refused, a family's and a right password too.
    await staffSignIn(address, 'office.user', 'office-user-password').expect(429);
    const { reference, pin } = await newApplication();
    await familySignIn(address, reference, pin).expect(429);
    // Another address is not affected.
    await staffSignIn(newAddress(), 'office.user', 'office-user-password').expect(200);
    await familySignIn(newAddress(), reference, pin).expect(200);
  });

  it('locks an address once 20 of a burst of 30 usernames failed; its sign-ins in flight are not held against it', async () => {
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => staffSignIn(address, `burst.${i}`, 'password123')),
    );
    const statuses = answers.map((answer) => answer.status);
    // Sign-ins from one address are compared side by side (a shared office or mobile network
    // address); a refusal comes only once 20 have failed.
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    answers.filter((a) => a.status === 429).forEach(expectRetryAfter);
    const next = await staffSignIn(address, 'burst.30', 'password123').expect(429);
    expectRetryAfter(next);
  });

  it('signs in 30 people at once from one address, all of them', async () => {
    const address = newAddress();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => newStaff(`crowd.${i}`, `crowd-password-${i}`)),
    );
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        staffSignIn(address, `crowd.${i}`, `crowd-password-${i}`),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
  });

  it('keeps no Idempotency-Key record of a 429: the retry is refused afresh, with its Retry-After', async () => {
    const address = newAddress();
    for (let i = 0; i < 5; i++) await staffSignIn(address, 'keyed.user', 'guess').expect(401);
    const keyed = () =>
      system
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .set('Idempotency-Key', 'sign-in-1')
        .send({ username: 'keyed.user', password: 'guess' });
    const first = await keyed().expect(429);
    expectRetryAfter(first);
    const again = await keyed().expect(429);
    expectRetryAfter(again);
    const kept = await system.query(
      `SELECT 1 FROM gateway.idempotency_record WHERE key = 'sign-in-1'`,
    );
    expect(kept).toHaveLength(0);
  });
});
