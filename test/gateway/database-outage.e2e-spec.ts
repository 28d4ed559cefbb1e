import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { PrivatePostgresServer } from '../support/private-postgres-server';
import { TestSystem } from '../support/test-system';

// PostgreSQL restarts (an upgrade, a failover): while it is down clients are told to come back
// (503 with Retry-After), never shown a 500, and when it is back everything works again without
// restarting a service.
const SOME_ID = '00000000-0000-4000-8000-000000000001';

describe('While PostgreSQL is down', () => {
  const postgres = new PrivatePostgresServer();
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    await postgres.start();
    system = await TestSystem.start({
      services: ['gateway', 'applications'],
      label: 'database_outage',
      databaseServerUrl: postgres.url(),
    });
    officer = await system.token('officer');
  });
  afterAll(async () => {
    await postgres.start().catch(() => undefined); // so that close() can drop its database
    await system?.close();
    await postgres.dispose();
  });

  const create = (key: string, body: object) =>
    system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .set('Idempotency-Key', key)
      .send(body);
  const list = () =>
    system.http().get('/api/applications').set('Authorization', `Bearer ${officer}`);

  it('answers 503 with Retry-After, never 500, and works again once it is back', async () => {
    await list().expect(200);
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });

    await postgres.stop();
    const answers = await Promise.all([
      list(),
      create('outage-0001', body),
      system.http().get(`/api/applications/${SOME_ID}`).set('Authorization', `Bearer ${officer}`),
      system
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.77')
        .send({ username: 'manager', password: 'manager-demo' }),
    ]);
    for (const answer of answers) {
      expect({ status: answer.status, code: answer.body.code }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(answers[0].body.message).toMatch(/intente de nuevo/);

    await postgres.start();
    // The services' pools reconnect by themselves; the retried create runs once.
    const created = await eventually(async () => {
      const answer = await create('outage-0001', body);
      expect(answer.status).toBe(201);
      return answer.body;
    });
    expect((await create('outage-0001', body).expect(201)).body.id).toBe(created.id);
    const { body: page } = await list().expect(200);
    expect(page.items.map((item: { id: string }) => item.id)).toContain(created.id);
  });
});
