import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { UpdateUserService } from '../../apps/gateway/src/users/services/update-user.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

/** The fields of a user in every answer of /api/users: never a password or a hash. */
const USER_FIELDS = ['active', 'createdAt', 'displayName', 'id', 'lastLoginAt', 'role', 'username'];

describe('Staff accounts (/api/users, /api/auth/password)', () => {
  let system: TestSystem;
  /** A second gateway replica on the same database: what one does, the other must see at once. */
  let replica: NestFastifyApplication;
  let admin: string;
  let officer: string;
  let manager: string;
  let family: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'users' });
    replica = await system.startReplica('gateway');
    [admin, officer, manager] = await Promise.all([
      system.token('admin'),
      system.token('officer'),
      system.token('manager'),
    ]);
    const created = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
      .expect(201);
    family = (
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: created.body.reference, pin: created.body.pin })
        .expect(200)
    ).body.accessToken;
  });
  afterAll(() => system?.close());

  const onReplica = () => request(replica.getHttpServer());
  const asAdmin = {
    get: (path: string) => system.http().get(path).set('Authorization', `Bearer ${admin}`),
    post: (path: string, body: object) =>
      system.http().post(path).set('Authorization', `Bearer ${admin}`).send(body),
    patch: (path: string, body: object) =>
      system.http().patch(path).set('Authorization', `Bearer ${admin}`).send(body),
  };
  const signIn = (username: string, password: string) =>
    system.http().post('/api/auth/login').send({ username, password });
  const token = async (username: string, password: string) =>
    (await signIn(username, password).expect(200)).body.accessToken as string;
  /** A route every member of staff may read: 200 while the token stands, 401 once it doesn't. */
  const readQueue = (server: ReturnType<typeof onReplica>, bearer: string) =>
    server.get('/api/applications').set('Authorization', `Bearer ${bearer}`);
  let created = 0;
  const newUser = async (role = 'loan_officer', password = 'correct-horse-battery') => {
    const username = `staff.${++created}`;
    const response = await asAdmin
      .post('/api/users', { username, displayName: `Staff ${created}`, role, password })
      .expect(201);
    return { ...(response.body as { id: string; username: string }), password };
  };

  it('creates a user (201) that signs in, shows in the list, and never shows a password or hash', async () => {
    const response = await asAdmin
      .post('/api/users', {
        username: 'lucia.mamani',
        displayName: '  Lucía Mamani  ',
        role: 'loan_officer',
        password: 'quispicanchi-2026',
      })
      .expect(201);
    expect(Object.keys(response.body).sort()).toEqual(USER_FIELDS);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: 'lucia.mamani',
      displayName: 'Lucía Mamani', // trimmed
      role: 'loan_officer',
      active: true,
      createdAt: expect.any(String),
      lastLoginAt: null,
    });
    expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);

    const signedIn = await signIn('lucia.mamani', 'quispicanchi-2026').expect(200);
    expect(signedIn.body).toEqual({
      accessToken: expect.any(String),
      role: 'loan_officer',
      displayName: 'Lucía Mamani',
    });
    await readQueue(system.http(), signedIn.body.accessToken).expect(200);
    await readQueue(onReplica(), signedIn.body.accessToken).expect(200);

    const list = await asAdmin.get('/api/users?page=1&pageSize=100').expect(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 100, total: list.body.items.length });
    const usernames = list.body.items.map((user: { username: string }) => user.username);
    expect(usernames).toEqual([...usernames].sort());
    expect(usernames).toEqual(
      expect.arrayContaining(['admin', 'lucia.mamani', 'manager', 'officer', 'officer2']),
    );
    const lucia = list.body.items.find(
      (user: { username: string }) => user.username === 'lucia.mamani',
    );
    expect(Object.keys(lucia).sort()).toEqual(USER_FIELDS);
    // The sign-in is recorded.
    expect(lucia.lastLoginAt).not.toBeNull();
    expect(Date.parse(lucia.lastLoginAt)).toBeGreaterThanOrEqual(Date.parse(lucia.createdAt));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|\$2[aby]\$|password/i);
  });

  it('pages the list: pageSize 2 gives 2 users and the whole total', async () => {
    const all = await asAdmin.get('/api/users').expect(200);
    const page2 = await asAdmin.get('/api/users?page=2&pageSize=2').expect(200);
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.total).toBe(all.body.total);
    expect(page2.body.items.map((user: { id: string }) => user.id)).toEqual(
      all.body.items.slice(2, 4).map((user: { id: string }) => user.id),
    );
    await asAdmin.get('/api/users?pageSize=101').expect(400);
  });

  it.each([
    ['an upper-case letter', { username: 'Rosa' }],
    ['two characters', { username: 'ro' }],
    ['41 characters', { username: 'r'.repeat(41) }],
    ['a space', { username: 'rosa huaman' }],
    ['an accent', { username: 'rosá' }],
    ['a password of 11 characters', { password: 'x'.repeat(11) }],
    ['a password of 129 characters', { password: 'x'.repeat(129) }],
    ['the enterprise role', { role: 'enterprise' }],
    ['an empty display name', { displayName: '   ' }],
    ['an unknown field', { passwordHash: 'x' }],
  ])('refuses a new user with %s (400), and creates nothing', async (_, change) => {
    const before = (await asAdmin.get('/api/users').expect(200)).body.total;
    const response = await asAdmin
      .post('/api/users', {
        username: 'rosa.h',
        displayName: 'Rosa',
        role: 'loan_officer',
        password: 'twelve-chars',
        ...change,
      })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await asAdmin.get('/api/users').expect(200)).body.total).toBe(before);
  });

  it('takes the limits themselves: 3 and 40 characters, a password of 12 and of 128', async () => {
    await asAdmin
      .post('/api/users', {
        username: 'a.b',
        displayName: 'Three',
        role: 'fund_manager',
        password: 'x'.repeat(12),
      })
      .expect(201);
    await asAdmin
      .post('/api/users', {
        username: `${'a'.repeat(38)}-_`,
        displayName: 'Forty',
        role: 'admin',
        password: 'y'.repeat(128),
      })
      .expect(201);
    await signIn('a.b', 'x'.repeat(12)).expect(200);
  });

  it('refuses a username that is taken (409)', async () => {
    const response = await asAdmin
      .post('/api/users', {
        username: 'officer',
        displayName: 'Another officer',
        role: 'loan_officer',
        password: 'another-password',
      })
      .expect(409);
    expect(response.body).toMatchObject({ statusCode: 409, code: 'USERNAME_TAKEN' });
    // The demo officer still signs in with its own password.
    await signIn('officer', 'officer-demo').expect(200);
  });

  it('changes a display name (200) and leaves the user signed in', async () => {
    const user = await newUser();
    const bearer = await token(user.username, user.password);
    const response = await asAdmin
      .patch(`/api/users/${user.id}`, { displayName: 'Julia Ccori' })
      .expect(200);
    expect(response.body).toMatchObject({ displayName: 'Julia Ccori', role: 'loan_officer' });
    await readQueue(system.http(), bearer).expect(200);
  });

  it('changes a role: the old token stops working, the next sign-in has the new role', async () => {
    const user = await newUser('loan_officer');
    const before = await token(user.username, user.password);
    const response = await asAdmin
      .patch(`/api/users/${user.id}`, { role: 'fund_manager' })
      .expect(200);
    expect(response.body).toMatchObject({ role: 'fund_manager', active: true });
    await readQueue(system.http(), before).expect(401);
    await readQueue(onReplica(), before).expect(401);
    const after = await signIn(user.username, user.password).expect(200);
    expect(after.body.role).toBe('fund_manager');
    // A fund manager may not register an application: the new role is the one enforced.
    await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${after.body.accessToken}`)
      .send(applicationBody())
      .expect(403);
  });

  it('deactivates a user through one replica: its token is refused at once by the other, and it can no longer sign in', async () => {
    const user = await newUser();
    const bearer = await token(user.username, user.password);
    await readQueue(onReplica(), bearer).expect(200);

    await asAdmin.patch(`/api/users/${user.id}`, { active: false }).expect(200);

    // The very next request, on the other replica: no cache to wait for.
    const refused = await readQueue(onReplica(), bearer).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await readQueue(system.http(), bearer).expect(401);
    // Signing in is refused exactly like a wrong password (nothing says the account exists).
    // (Both count as failures of the account: 4, then 3, more would lock it.)
    const signInRefused = await signIn(user.username, user.password).expect(401);
    const wrongPassword = await signIn(user.username, 'not-the-password').expect(401);
    expect(signInRefused.body).toEqual({ ...wrongPassword.body, attemptsLeft: 4 });
    expect(wrongPassword.body.attemptsLeft).toBe(3);
    const listed = (await asAdmin.get('/api/users?pageSize=100').expect(200)).body.items.find(
      (item: { id: string }) => item.id === user.id,
    );
    expect(listed.active).toBe(false);

    // Reactivated: it signs in again, and the token of before stays dead.
    await asAdmin.patch(`/api/users/${user.id}`, { active: true }).expect(200);
    const again = await token(user.username, user.password);
    await readQueue(onReplica(), again).expect(200);
    await readQueue(onReplica(), bearer).expect(401);
  });

  it("resets a user's password: the old token and the old password stop working, the new one works", async () => {
    const user = await newUser();
    const bearer = await token(user.username, user.password);
    const response = await onReplica()
      .post(`/api/users/${user.id}/password`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ password: 'a-new-password-for-you' })
      .expect(200);
    expect(Object.keys(response.body).sort()).toEqual(USER_FIELDS);
    await readQueue(system.http(), bearer).expect(401);
    await readQueue(onReplica(), bearer).expect(401);
    await signIn(user.username, user.password).expect(401);
    const fresh = await token(user.username, 'a-new-password-for-you');
    await readQueue(system.http(), fresh).expect(200);

    await asAdmin.post(`/api/users/${user.id}/password`, { password: 'short' }).expect(400);
    await signIn(user.username, 'a-new-password-for-you').expect(200);
  });

  it('lets a member of staff change its own password: a wrong current one is 401, then old tokens stop working', async () => {
    const user = await newUser('fund_manager');
    const bearer = await token(user.username, user.password);
    const change = (body: object, as = bearer) =>
      system.http().post('/api/auth/password').set('Authorization', `Bearer ${as}`).send(body);

    const wrong = await change({
      currentPassword: 'not-my-password',
      newPassword: 'my-brand-new-password',
    }).expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'BAD_CREDENTIALS', attemptsLeft: 4 });
    await readQueue(system.http(), bearer).expect(200); // a wrong guess revokes nothing
    await change({ currentPassword: user.password, newPassword: 'too-short' }).expect(400);
    await change({ currentPassword: user.password }).expect(400);

    const changed = await change({
      currentPassword: user.password,
      newPassword: 'my-brand-new-password',
    }).expect(200);
    expect(changed.body).toEqual({
      accessToken: expect.any(String),
      role: 'fund_manager',
      displayName: expect.stringMatching(/^Staff \d+$/),
    });
    await readQueue(onReplica(), bearer).expect(401);
    await readQueue(onReplica(), changed.body.accessToken).expect(200);
    await signIn(user.username, user.password).expect(401);
    await signIn(user.username, 'my-brand-new-password').expect(200);
  });

  it('keeps the last active admin: neither deactivated nor given another role (409)', async () => {
    const admins = async () =>
      (await asAdmin.get('/api/users?pageSize=100').expect(200)).body.items.filter(
        (user: { role: string; active: boolean }) => user.role === 'admin' && user.active,
      ) as { id: string; username: string }[];
    // Earlier tests made one more admin; take it back to one.
    for (const other of (await admins()).filter((user) => user.username !== 'admin')) {
      await asAdmin.patch(`/api/users/${other.id}`, { active: false }).expect(200);
    }
    const [only] = await admins();
    expect(only.username).toBe('admin');

    for (const change of [{ active: false }, { role: 'fund_manager' }, { role: 'loan_officer' }]) {
      const response = await asAdmin.patch(`/api/users/${only.id}`, change).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'LAST_ACTIVE_ADMIN' });
    }
    await readQueue(system.http(), officer).expect(200);
    await asAdmin.get('/api/users').expect(200); // the admin's token still stands

    // With a second admin, either may go, not both: two removals at once, one through each
    // replica, leave exactly one active admin.
    const second = await newUser('admin');
    const results = await Promise.allSettled([
      system.app('gateway').get(UpdateUserService).execute(second.id, { active: false }),
      replica.get(UpdateUserService).execute(only.id, { role: 'fund_manager' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'LAST_ACTIVE_ADMIN' });
    // (Read from the database: the demo admin's own token is gone if its change won.)
    const [{ active }] = await system.query<{ active: number }>(
      `SELECT count(*)::int AS active FROM gateway.app_user WHERE role = 'admin' AND active`,
    );
    expect(active).toBe(1);

    // Back as it was for the tests below: the demo admin active, signed in anew.
    await replica.get(UpdateUserService).execute(only.id, { role: 'admin', active: true });
    admin = await system.token('admin');
  });

  it('answers 404 for a user that does not exist and 400 for an id that is no UUID', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await asAdmin.patch(`/api/users/${missing}`, { displayName: 'Nobody' }).expect(404);
    await asAdmin.post(`/api/users/${missing}/password`, { password: 'twelve-chars!' }).expect(404);
    await asAdmin.patch('/api/users/not-a-uuid', { displayName: 'Nobody' }).expect(400);
    await asAdmin.patch(`/api/users/${missing}`, { role: 'boss' }).expect(400);
    await asAdmin.patch(`/api/users/${missing}`, { username: 'renamed' }).expect(400);
  });

  describe('roles: only admins manage users', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string, object | undefined][] = [
      ['get', '/api/users', undefined],
      [
        'post',
        '/api/users',
        { username: 'x.y.z', displayName: 'X', role: 'admin', password: 'x'.repeat(12) },
      ],
      ['patch', `/api/users/${id}`, { active: false }],
      ['post', `/api/users/${id}/password`, { password: 'x'.repeat(12) }],
    ];

    it.each(routes)(
      '%s %s: officer, manager and family → 403, no token → 401',
      async (method, path, body) => {
        const call = (bearer?: string) => {
          const req = system.http()[method as 'get' | 'post' | 'patch'](path);
          if (bearer) req.set('Authorization', `Bearer ${bearer}`);
          return body ? req.send(body) : req;
        };
        for (const bearer of [officer, manager, family]) {
          const response = await call(bearer).expect(403);
          expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
        }
        await call().expect(401);
        await call('not-a-token').expect(401);
      },
    );

    it('POST /api/auth/password: any member of staff for itself; a family → 403, no token → 401', async () => {
      const body = { currentPassword: 'whatever-it-is', newPassword: 'x'.repeat(12) };
      await system
        .http()
        .post('/api/auth/password')
        .set('Authorization', `Bearer ${family}`)
        .send(body)
        .expect(403);
      await system.http().post('/api/auth/password').send(body).expect(401);
    });
  });
});
