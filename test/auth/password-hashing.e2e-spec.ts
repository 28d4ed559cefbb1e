import { NestFactory } from '@nestjs/core';
import { hash as bcryptHash } from 'bcryptjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminCliModule } from '../../scripts/admin/admin-cli.module';
import { createUserCommand } from '../../scripts/admin/create-user-command';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

const ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

/**
 * Passwords and PINs are hashed with argon2id; the bcrypt hashes of before keep working and are
 * replaced at the next successful sign-in. A deployment's first admin comes from `npm run admin`.
 */
describe('Password and PIN hashing, and the admin command', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'hashing' });
    officer = await system.token('officer');
  });
  afterAll(() => system?.close());

  const passwordHash = async (username: string) =>
    (
      await system.query<{ password_hash: string }>(
        'SELECT password_hash FROM gateway.app_user WHERE username = $1',
        [username],
      )
    )[0]?.password_hash;
  const signIn = (username: string, password: string) =>
    system.http().post('/api/auth/login').send({ username, password });

  it('creates users with argon2id hashes (the demo users too), never the password itself', async () => {
    for (const username of ['officer', 'officer2', 'manager', 'admin']) {
      const stored = await passwordHash(username);
      expect(stored).toMatch(ARGON2ID);
      expect(stored).not.toContain(`${username}-demo`);
    }
  });

  it("rehashes a user's bcrypt password with argon2id at its next sign-in, and it keeps working", async () => {
    await system.query(
      `UPDATE gateway.app_user SET password_hash = $1 WHERE username = 'officer2'`,
      [await bcryptHash('officer2-demo', 10)],
    );
    expect(await passwordHash('officer2')).toMatch(/^\$2[aby]\$10\$/);
    // A wrong password changes nothing.
    await signIn('officer2', 'not-it').expect(401);
    expect(await passwordHash('officer2')).toMatch(/^\$2[aby]\$10\$/);

    await signIn('officer2', 'officer2-demo').expect(200);
    expect(await passwordHash('officer2')).toMatch(ARGON2ID);
    await signIn('officer2', 'officer2-demo').expect(200);
    await signIn('officer2', 'not-it').expect(401);
  });

  it("rehashes a family's bcrypt PIN with argon2id at its next sign-in", async () => {
    const created = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
      .expect(201);
    const { id, reference, pin } = created.body;
    const pinHash = async () =>
      (
        await system.query<{ pin_hash: string }>(
          'SELECT pin_hash FROM applications.application WHERE id = $1',
          [id],
        )
      )[0].pin_hash;
    expect(await pinHash()).toMatch(ARGON2ID);
    await system.query('UPDATE applications.application SET pin_hash = $1 WHERE id = $2', [
      await bcryptHash(pin, 10),
      id,
    ]);

    const signed = await system.http().post('/api/auth/enterprise').send({ reference, pin });
    expect(signed.status).toBe(200);
    expect(await pinHash()).toMatch(ARGON2ID);
    await system
      .http()
      .get(`/api/applications/${id}`)
      .set('Authorization', `Bearer ${signed.body.accessToken}`)
      .expect(200);
    await system.http().post('/api/auth/enterprise').send({ reference, pin }).expect(200);
  });

  describe('npm run admin -- create-user', () => {
    let folder: string;
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'qollqa-admin-'));
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    const context = () => NestFactory.createApplicationContext(AdminCliModule, { logger: false });
    const passwordFile = async (content: string) => {
      const file = join(folder, `password-${Math.random().toString(36).slice(2)}`);
      await writeFile(file, content);
      return file;
    };

    it('creates an admin from a password file, who then signs in and manages users', async () => {
      const file = await passwordFile('first-admin-password\n');
      const user = await createUserCommand(
        [
          '--username',
          'elena.first',
          '--display-name',
          'Elena Condori',
          '--role',
          'admin',
          '--password-file',
          file,
        ],
        context,
      );
      expect(user).toMatchObject({ username: 'elena.first', role: 'admin', active: true });
      expect(await passwordHash('elena.first')).toMatch(ARGON2ID);
      // The line break that ends the file is not part of the password.
      const token = (await signIn('elena.first', 'first-admin-password').expect(200)).body
        .accessToken;
      await system.http().get('/api/users').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it('refuses what POST /api/users refuses, and creates nothing', async () => {
      const short = await passwordFile('too-short');
      await expect(
        createUserCommand(
          [
            '--username',
            'Bad Name',
            '--display-name',
            'X',
            '--role',
            'boss',
            '--password-file',
            short,
          ],
          context,
        ),
      ).rejects.toThrow(/username must be[\s\S]*role must be[\s\S]*password must be 12 to 128/);
      const good = await passwordFile('a-long-enough-password');
      await expect(
        createUserCommand(
          [
            '--username',
            'admin',
            '--display-name',
            'X',
            '--role',
            'admin',
            '--password-file',
            good,
          ],
          context,
        ),
      ).rejects.toThrow(/taken/);
      await expect(
        createUserCommand(['--username', 'x.y', '--password', 'in-clear-on-argv'], context),
      ).rejects.toThrow(/password/);
      const rows = await system.query(
        `SELECT 1 FROM gateway.app_user WHERE username IN ('Bad Name', 'x.y')`,
      );
      expect(rows).toHaveLength(0);
    });
  });
});
