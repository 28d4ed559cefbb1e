import { CreateUserService } from '../../apps/gateway/src/users/services/create-user.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

const CONTRACT_KEYS = ['code', 'error', 'message', 'statusCode'];
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

/**
 * What a refused sign-in tells the person beyond API.md's error shape: how many failures are left
 * before a lock (`attemptsLeft` on the 401) and when the lock ends (`retryAt` on the 429, beside
 * Retry-After); the PIN as printed ("410 056") is the PIN; and the name to greet the person with
 * (`displayName`). Each test signs in from an address of its own (X-Forwarded-For, trusted from
 * loopback), so one test's failures never count against another's.
 */
describe('Sign-in feedback', () => {
  let system: TestSystem;
  let officer: string;
  let addresses = 0;
  const newAddress = () => `203.0.113.${++addresses}`;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications'],
      label: 'sign_in_feedback',
    });
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
  const newApplication = async (name = 'Familia Quispe Mamani') =>
    (
      await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${officer}`)
        .send(applicationBody({ enterprise: { name, documentId: newDocumentId() } }))
        .expect(201)
    ).body as { reference: string; pin: string };
  const newStaff = (username: string, displayName: string, password: string) =>
    system
      .app('gateway')
      .get(CreateUserService)
      .execute({ username, password, role: 'loan_officer', displayName });
  const wrongPinFor = (pin: string) => (pin === '000000' ? '111111' : '000000');
  /** "410056" → "410 056", as the officer's screen shows it and the family writes it down. */
  const printed = (pin: string) => `${pin.slice(0, 3)} ${pin.slice(3)}`;

  /** A 429 whose body says when the lock ends, agreeing with its Retry-After. */
  const expectLockedUntil = (
    response: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
    earliest: number,
    latest: number,
  ) => {
    expect(response.status).toBe(429);
    expect(Object.keys(response.body).sort()).toEqual([...CONTRACT_KEYS, 'retryAt'].sort());
    expect(response.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    const retryAt = response.body.retryAt as string;
    expect(retryAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    const at = Date.parse(retryAt);
    expect(at).toBeGreaterThanOrEqual(earliest);
    expect(at).toBeLessThanOrEqual(latest);
    // Retry-After is the same moment in whole seconds, from when the answer was made.
    const seconds = Number(response.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  };

  it('counts down a staff account: 4, 3, 2, 1, 0 attempts left, then 429 with retryAt 15 minutes after the 5th failure', async () => {
    await newStaff('counting.user', 'Lucía Condori', 'counting-user-password');
    const address = newAddress();
    const left: number[] = [];
    let fifthSent = 0;
    let fifthAnswered = 0;
    for (let i = 1; i <= 5; i++) {
      if (i === 5) fifthSent = Date.now();
      const refused = await staffSignIn(address, 'counting.user', `guess-${i}`).expect(401);
      if (i === 5) fifthAnswered = Date.now();
      expect(Object.keys(refused.body).sort()).toEqual([...CONTRACT_KEYS, 'attemptsLeft'].sort());
      expect(refused.body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'BAD_CREDENTIALS',
        message: 'El usuario o la contraseña no son correctos',
      });
      left.push(refused.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);

    // The 5th failure locked the account for 15 minutes: even the right password waits until then.
    const locked = await staffSignIn(address, 'counting.user', 'counting-user-password');
    expectLockedUntil(
      locked,
      fifthSent + FIFTEEN_MINUTES_MS - 1000,
      fifthAnswered + FIFTEEN_MINUTES_MS + 1000,
    );
    // From another address too, and in English: the same moment.
    const english = await staffSignIn(newAddress(), 'counting.user', 'guess').set(
      'Accept-Language',
      'en',
    );
    expectLockedUntil(
      english,
      fifthSent + FIFTEEN_MINUTES_MS - 1000,
      fifthAnswered + FIFTEEN_MINUTES_MS + 1000,
    );
    expect(english.body.retryAt).toBe(locked.body.retryAt);
    expect(english.body.message).toBe('Too many failed attempts: try again in 15 minutes');
  });

  it('after 2 wrong PINs says 3 attempts are left, and the right PIN then clears the count', async () => {
    const { reference, pin } = await newApplication();
    const address = newAddress();
    const first = await familySignIn(address, reference, wrongPinFor(pin)).expect(401);
    const second = await familySignIn(address, reference, wrongPinFor(pin)).expect(401);
    expect([first.body.attemptsLeft, second.body.attemptsLeft]).toEqual([4, 3]);
    expect(second.body).toMatchObject({
      code: 'BAD_CREDENTIALS',
      message: 'La referencia o el PIN no son correctos',
    });
    await familySignIn(address, reference, pin).expect(200);
    const afterSuccess = await familySignIn(address, reference, wrongPinFor(pin)).expect(401);
    expect(afterSuccess.body.attemptsLeft).toBe(4);
  });

  it('reports the address’s attempts when they are fewer: after 18 failures from one address, 2 are left', async () => {
    const address = newAddress();
    const left: number[] = [];
    for (let i = 0; i < 20; i++) {
      // Twenty different usernames, each failing once: the account would have 4 left each time.
      const refused = await staffSignIn(address, `spray.${i}`, 'password123').expect(401);
      left.push(refused.body.attemptsLeft);
    }
    expect(left).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 2, 1, 0]);
    const locked = await staffSignIn(address, 'spray.20', 'password123');
    expect(locked.status).toBe(429);
    expect(Date.parse(locked.body.retryAt)).toBeGreaterThan(
      Date.now() + FIFTEEN_MINUTES_MS - 60_000,
    );
  });

  it('never promises more attempts than remain when 30 wrong PINs arrive at once', async () => {
    const { reference, pin } = await newApplication();
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => familySignIn(address, reference, wrongPinFor(pin))),
    );
    const refused = answers.filter((answer) => answer.status === 401);
    const locked = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(5);
    expect(locked).toHaveLength(25);
    const left = refused.map((answer) => answer.body.attemptsLeft as number);
    for (const n of left) expect(Number.isInteger(n) && n >= 0).toBe(true);
    // The k-th failure recorded leaves at most 5 − k: sorted, no count is above its place's.
    const sorted = [...left].sort((a, b) => b - a);
    sorted.forEach((n, i) => expect(n).toBeLessThanOrEqual(4 - i));
    expect(sorted[4]).toBe(0);
    for (const answer of locked) {
      expect(Number.isNaN(Date.parse(answer.body.retryAt))).toBe(false);
      expect(Date.parse(answer.body.retryAt)).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it('never reports a negative count when 30 usernames fail at once from one address', async () => {
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => staffSignIn(address, `crowd.${i}`, 'password123')),
    );
    const left = answers
      .filter((answer) => answer.status === 401)
      .map((answer) => answer.body.attemptsLeft as number);
    expect(left.length).toBeGreaterThanOrEqual(20);
    for (const n of left) expect(Number.isInteger(n) && n >= 0).toBe(true);
    // The k-th failure the address records leaves at most 20 − k (and 4 for the account).
    const sorted = [...left].sort((a, b) => b - a);
    sorted.forEach((n, i) => expect(n).toBeLessThanOrEqual(Math.max(0, Math.min(4, 19 - i))));
    expect(sorted[sorted.length - 1]).toBe(0);
    const next = await staffSignIn(address, 'crowd.30', 'password123').expect(429);
    expect(typeof next.body.retryAt).toBe('string');
  });

  it('accepts the PIN as printed — "410 056", "410-056" — and says who signed in', async () => {
    const { reference, pin } = await newApplication('Familia Huillca Ccori');
    for (const typed of [printed(pin), `${pin.slice(0, 3)}-${pin.slice(3)}`, ` ${printed(pin)} `]) {
      const signedIn = await familySignIn(newAddress(), reference, typed).expect(200);
      expect(signedIn.body).toMatchObject({
        role: 'enterprise',
        displayName: 'Familia Huillca Ccori',
      });
      // The token opens the family's applications.
      const own = await system
        .http()
        .get('/api/me/applications')
        .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
        .expect(200);
      expect(own.body.map((application: { reference: string }) => application.reference)).toEqual([
        reference,
      ]);
    }
    // Spaces do not make a wrong PIN right, nor five digits six.
    const wrong = await familySignIn(newAddress(), reference, printed(wrongPinFor(pin))).expect(
      401,
    );
    expect(wrong.body.attemptsLeft).toBe(4);
    const short = await familySignIn(
      newAddress(),
      reference,
      `${pin.slice(0, 3)} ${pin.slice(3, 5)}`,
    );
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
  });

  it("gives staff their display name, and keeps the username in the token (the audit trail's actor)", async () => {
    await newStaff('ana.quispe', 'Ana Quispe Mamani', 'ana-quispe-password');
    const signedIn = await staffSignIn(newAddress(), 'ana.quispe', 'ana-quispe-password').expect(
      200,
    );
    expect(signedIn.body).toMatchObject({ role: 'loan_officer', displayName: 'Ana Quispe Mamani' });
    const claims = JSON.parse(
      Buffer.from(signedIn.body.accessToken.split('.')[1], 'base64url').toString('utf8'),
    );
    expect(claims.name).toBe('ana.quispe');
  });

  it('documents attemptsLeft, retryAt and displayName in the OpenAPI document', async () => {
    const document = (await system.http().get('/api/docs-json').expect(200)).body;
    const schemaOf = (ref: string) => document.components.schemas[ref.split('/').pop()!];
    for (const path of ['/api/auth/login', '/api/auth/enterprise']) {
      const responses = document.paths[path].post.responses;
      const refused = schemaOf(responses['401'].content['application/json'].schema.$ref);
      const locked = schemaOf(responses['429'].content['application/json'].schema.$ref);
      const signedIn = schemaOf(responses['200'].content['application/json'].schema.$ref);
      expect([path, refused.properties.attemptsLeft]).toEqual([
        path,
        expect.objectContaining({ type: 'integer', minimum: 0 }),
      ]);
      expect(refused.required).toEqual(
        expect.arrayContaining(['statusCode', 'message', 'error', 'code', 'attemptsLeft']),
      );
      expect([path, locked.properties.retryAt]).toEqual([
        path,
        expect.objectContaining({ type: 'string', format: 'date-time' }),
      ]);
      expect([path, signedIn.properties.displayName]).toEqual([
        path,
        expect.objectContaining({ type: 'string' }),
      ]);
    }
  });

  it('repeats the same attemptsLeft when a refused sign-in is sent again with its Idempotency-Key', async () => {
    const address = newAddress();
    await staffSignIn(address, 'keyed.feedback', 'guess').expect(401);
    const keyed = () =>
      system
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .set('Idempotency-Key', 'feedback-1')
        .send({ username: 'keyed.feedback', password: 'guess' });
    const first = await keyed().expect(401);
    const again = await keyed().expect(401);
    expect(first.body.attemptsLeft).toBe(3);
    expect(again.body).toEqual(first.body);
  });
});
