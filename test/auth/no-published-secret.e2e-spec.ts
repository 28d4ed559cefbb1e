import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { ResponseCipher } from '../../apps/gateway/src/idempotency/response-cipher';
import { GatewaySecrets } from '../../apps/gateway/src/secrets/services/gateway-secrets.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

/**
 * SPEC.md: there is no published secret. Without JWT_SECRET the gateway generates one at its first
 * start and keeps it in its schema; a token signed with any value written in the code or the docs
 * is refused. The idempotency cipher has its own generated key, so rotating JWT_SECRET leaves the
 * stored replays readable.
 */
describe('No published secret', () => {
  let system: TestSystem;
  let adminId: string;

  beforeAll(async () => {
    delete process.env.JWT_SECRET;
    // No gateway yet: the two below start at once on an empty schema.
    system = await TestSystem.start({ services: ['applications'], label: 'secret' });
  });
  afterAll(async () => {
    delete process.env.JWT_SECRET;
    await system?.close();
  });

  const signIn = (app: NestFastifyApplication, username: string) =>
    request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ username, password: `${username}-demo` })
      .expect(200)
      .then((response) => response.body.accessToken as string);
  const users = (app: NestFastifyApplication, token: string) =>
    request(app.getHttpServer()).get('/api/users').set('Authorization', `Bearer ${token}`);

  it('generates one secret when two replicas start at once, and both accept what the other signed', async () => {
    const [first, second] = await Promise.all([
      system.startReplica('gateway'),
      system.startReplica('gateway'),
    ]);
    const secrets = await system.query<{ name: string; value: string }>(
      'SELECT name, value FROM gateway.gateway_secret ORDER BY name',
    );
    expect(secrets.map((secret) => secret.name)).toEqual(['idempotency-response', 'jwt']);
    // 64 random bytes for tokens, 32 for the cipher; neither derived from the other.
    const [cipherKey, jwtSecret] = secrets.map((secret) => Buffer.from(secret.value, 'base64'));
    expect(jwtSecret).toHaveLength(64);
    expect(cipherKey).toHaveLength(32);
    expect(jwtSecret.subarray(0, 32).equals(cipherKey)).toBe(false);

    const fromFirst = await signIn(first, 'admin');
    const fromSecond = await signIn(second, 'admin');
    await users(second, fromFirst).expect(200);
    await users(first, fromSecond).expect(200);
    adminId = (await users(first, fromSecond).expect(200)).body.items.find(
      (user: { username: string }) => user.username === 'admin',
    ).id;
  });

  it('keeps one value for a secret asked for by many at once', async () => {
    const secrets = (await system.startService('gateway')).get(GatewaySecrets);
    const values = await Promise.all(
      Array.from({ length: 10 }, () => secrets.obtain('concurrent-test', 32)),
    );
    expect(new Set(values.map((value) => value.toString('base64'))).size).toBe(1);
    const rows = await system.query(
      `SELECT 1 FROM gateway.gateway_secret WHERE name = 'concurrent-test'`,
    );
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['the development secret of before', 'qollqa-development-secret-do-not-use-in-production'],
    ['"secret"', 'secret'],
    ['the example of 40 characters', 'x'.repeat(40)],
    ['the demo password', 'admin-demo'],
  ])('refuses an admin token signed with %s (401), however right its claims', async (_, secret) => {
    const forged = new JwtService({ secret }).sign(
      { sub: adminId, name: 'admin', role: 'admin', ver: 0 },
      { issuer: 'qollqa', expiresIn: '1h' },
    );
    const response = await system
      .http()
      .get('/api/users')
      .set('Authorization', `Bearer ${forged}`)
      .expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await system
      .http()
      .post('/api/users')
      .set('Authorization', `Bearer ${forged}`)
      .send({ username: 'intruder', displayName: 'I', role: 'admin', password: 'x'.repeat(12) })
      .expect(401);
  });

  it('refuses an unsigned token ("alg": "none") and one with a claim of its own changed', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const claims = { sub: adminId, name: 'admin', role: 'admin', ver: 0, iss: 'qollqa' };
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    await system.http().get('/api/users').set('Authorization', `Bearer ${unsigned}`).expect(401);

    const officer = await system.token('officer');
    const [header, , signature] = officer.split('.');
    const payload = JSON.parse(Buffer.from(officer.split('.')[1], 'base64url').toString());
    const promoted = `${header}.${encode({ ...payload, role: 'admin' })}.${signature}`;
    await system.http().get('/api/users').set('Authorization', `Bearer ${promoted}`).expect(401);
  });

  it('signs with JWT_SECRET when the deployment gives one, not with the stored secret', async () => {
    await system.stopService('gateway');
    process.env.JWT_SECRET = 'a-deployment-secret-of-more-than-32-characters';
    const gateway = await system.startService('gateway');
    const token = await signIn(gateway, 'manager');
    // The token is the deployment's: JwtService with JWT_SECRET verifies it.
    expect(() =>
      new JwtService({ secret: process.env.JWT_SECRET }).verify(token, { issuer: 'qollqa' }),
    ).not.toThrow();
    const [jwt] = await system.query<{ value: string }>(
      `SELECT value FROM gateway.gateway_secret WHERE name = 'jwt'`,
    );
    expect(() =>
      new JwtService({ secret: Buffer.from(jwt.value, 'base64') }).verify(token),
    ).toThrow();
  });

  it('replays a stored answer (its PIN included) after JWT_SECRET is rotated', async () => {
    await system.stopService('gateway');
    process.env.JWT_SECRET = 'the-first-deployment-secret-0123456789';
    await system.startService('gateway');
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const before = await system.token('officer');
    const first = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${before}`)
      .set('Idempotency-Key', 'rotation-1')
      .send(body)
      .expect(201);

    await system.stopService('gateway');
    process.env.JWT_SECRET = 'the-second-deployment-secret-9876543210';
    await system.startService('gateway');
    const replay = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${await system.token('officer')}`)
      .set('Idempotency-Key', 'rotation-1')
      .send(body)
      .expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.body.pin).toMatch(/^\d{6}$/);
    // The officer's token signed with the secret of before no longer opens anything.
    await system
      .http()
      .get('/api/applications')
      .set('Authorization', `Bearer ${before}`)
      .expect(401);
  });

  it('answers 409 for a stored answer it can no longer read (a key of before), and runs nothing twice', async () => {
    const officer = await system.token('officer');
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const post = () =>
      system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${officer}`)
        .set('Idempotency-Key', 'old-key-1')
        .send(body);
    await post().expect(201);
    // As if encrypted before the upgrade, under a key this gateway does not have.
    await system.query(
      `UPDATE gateway.idempotency_record SET response_body = $1 WHERE key = 'old-key-1'`,
      [new ResponseCipher(randomBytes(32)).encrypt({ pin: '123456' })],
    );
    const count = async () =>
      (
        await system.query<{ n: number }>('SELECT count(*)::int AS n FROM applications.application')
      )[0].n;
    const before = await count();
    const replay = await post().expect(409);
    expect(replay.body).toMatchObject({ statusCode: 409 });
    expect(await count()).toBe(before);
  });
});
