import { JwtService } from '@nestjs/jwt';
import { CreateUserService } from '../../apps/gateway/src/users/services/create-user.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

describe('Sign-in and roles', () => {
  let system: TestSystem;
  let officer: string;
  let manager: string;
  let admin: string;
  let mine: { id: string; reference: string; pin: string };
  let theirs: { id: string; reference: string; pin: string };

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'auth' });
    [officer, manager, admin] = await Promise.all([
      system.token('officer'),
      system.token('manager'),
      system.token('admin'),
    ]);
    const create = async () =>
      (
        await system
          .http()
          .post('/api/applications')
          .set('Authorization', `Bearer ${officer}`)
          .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
          .expect(201)
      ).body;
    [mine, theirs] = [await create(), await create()];
  });
  afterAll(() => system?.close());

  const enterpriseToken = async (reference: string, pin: string) =>
    (await system.http().post('/api/auth/enterprise').send({ reference, pin }).expect(200)).body
      .accessToken;

  describe('staff sign-in', () => {
    it.each([
      ['officer', 'loan_officer', 'Rosa Huamán'],
      ['officer2', 'loan_officer', 'Julio Ccori'],
      ['manager', 'fund_manager', 'Elena Quispe'],
      ['admin', 'admin', 'Administrador'],
    ])('signs in the demo user %s as %s, named %s', async (username, role, displayName) => {
      const response = await system
        .http()
        .post('/api/auth/login')
        .send({ username, password: `${username}-demo` })
        .expect(200);
      expect(response.body).toEqual({ accessToken: expect.any(String), role, displayName });
    });

    it('refuses a wrong password or an unknown user with 401 in the contract shape', async () => {
      for (const body of [
        { username: 'officer', password: 'wrong' },
        { username: 'nobody', password: 'x' },
      ]) {
        const response = await system.http().post('/api/auth/login').send(body).expect(401);
        expect(response.body).toEqual({
          statusCode: 401,
          message: 'El usuario o la contraseña no son correctos',
          error: 'Unauthorized',
          code: 'BAD_CREDENTIALS',
          attemptsLeft: 4, // the first failure of the account: 4 more lock it
        });
        const english = await system
          .http()
          .post('/api/auth/login')
          .set('Accept-Language', 'en')
          .send(body)
          .expect(401);
        expect(english.body.message).toBe('Username or password is not correct');
      }
    });

    it('refuses a malformed sign-in with 400', async () => {
      await system.http().post('/api/auth/login').send({ username: 'officer' }).expect(400);
      await system
        .http()
        .post('/api/auth/login')
        .send({ username: 'officer', password: 'officer-demo', role: 'admin' })
        .expect(400);
    });

    it('locks an account for 15 minutes after 5 wrong passwords: 429 even with the right one', async () => {
      await system.app('gateway').get(CreateUserService).execute({
        username: 'ana',
        password: 'ana-secret-1',
        role: 'loan_officer',
        displayName: 'Ana Mamani',
      });
      for (let i = 0; i < 5; i++) {
        await system
          .http()
          .post('/api/auth/login')
          .send({ username: 'ana', password: 'guess' })
          .expect(401);
      }
      const locked = await system
        .http()
        .post('/api/auth/login')
        .send({ username: 'ana', password: 'ana-secret-1' })
        .expect(429);
      expect(locked.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'TOO_MANY_ATTEMPTS',
      });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      // Another account is not affected.
      await system
        .http()
        .post('/api/auth/login')
        .send({ username: 'officer', password: 'officer-demo' })
        .expect(200);
    });
  });

  describe('a family signs in with reference and PIN', () => {
    it('gets an enterprise token that opens its own application', async () => {
      const response = await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: mine.reference, pin: mine.pin })
        .expect(200);
      expect(response.body.role).toBe('enterprise');
      const own = await system
        .http()
        .get(`/api/applications/${mine.id}`)
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(own.body.reference).toBe(mine.reference);
    });

    it('may type the reference in lower case', async () => {
      await enterpriseToken(mine.reference.toLowerCase(), mine.pin);
    });

    it("never sees another enterprise's application (403)", async () => {
      const token = await enterpriseToken(mine.reference, mine.pin);
      const response = await system
        .http()
        .get(`/api/applications/${theirs.id}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    });

    it('may not list, create or decide applications (403)', async () => {
      const token = await enterpriseToken(mine.reference, mine.pin);
      await system
        .http()
        .get('/api/applications')
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${token}`)
        .send(applicationBody())
        .expect(403);
      await system
        .http()
        .post(`/api/applications/${mine.id}/decision`)
        .set('Authorization', `Bearer ${token}`)
        .send({ decision: 'approve' })
        .expect(403);
    });

    it('refuses a wrong PIN (401), a malformed one (400), and locks the reference after 5 wrong PINs (429)', async () => {
      const wrongPin = theirs.pin === '000000' ? '111111' : '000000';
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: theirs.reference, pin: '12a456' })
        .expect(400);
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: 'QL-NOSUCH', pin: '123456' })
        .expect(401);
      for (let i = 0; i < 5; i++) {
        await system
          .http()
          .post('/api/auth/enterprise')
          .send({ reference: theirs.reference, pin: wrongPin })
          .expect(401);
      }
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: theirs.reference, pin: theirs.pin })
        .expect(429);
      // The lock is per reference: the other family still signs in.
      await enterpriseToken(mine.reference, mine.pin);
    });
  });

  describe('tokens and roles on the application routes', () => {
    it('refuses no token, a malformed token and a forged token with 401', async () => {
      await system.http().get('/api/applications').expect(401);
      await system
        .http()
        .get('/api/applications')
        .set('Authorization', 'Bearer not-a-jwt')
        .expect(401);
      const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
        sub: mine.id,
        name: 'officer',
        role: 'loan_officer',
      });
      await system
        .http()
        .get('/api/applications')
        .set('Authorization', `Bearer ${forged}`)
        .expect(401);
    });

    it('lets only loan officers register applications', async () => {
      for (const token of [manager, admin]) {
        await system
          .http()
          .post('/api/applications')
          .set('Authorization', `Bearer ${token}`)
          .send(applicationBody())
          .expect(403);
      }
    });

    it('lets officers and managers read, and not admins', async () => {
      const reads: [string, string, number][] = [
        [manager, `/api/applications/${mine.id}`, 200],
        [manager, '/api/applications', 200],
        [admin, `/api/applications/${mine.id}`, 403],
        [admin, '/api/applications', 403],
      ];
      for (const [token, path, status] of reads) {
        await system.http().get(path).set('Authorization', `Bearer ${token}`).expect(status);
      }
    });

    it('lets no admin decide', async () => {
      await system
        .http()
        .post(`/api/applications/${mine.id}/decision`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ decision: 'approve' })
        .expect(403);
    });
  });
});
