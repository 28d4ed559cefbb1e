import { RetentionService, runAlone } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

// The scheduled purge forgets what no service needs any more, keeps everything still in use, and
// runs once at a time across replicas.
describe('Retention', () => {
  let system: TestSystem;
  const count = async (sql: string) =>
    Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`))[0].n);

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring'],
      label: 'retention',
    });
    const officer = await system.token('officer');
    // Real traffic: an application (outbox rows, inbox ids, an idempotency record, sign-ins).
    await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .set('Idempotency-Key', 'retention-0001')
      .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
      .expect(201);
    await system.settle();
  });
  afterAll(() => system?.close());

  it('purges sent outbox rows and inbox ids after 7 days, and nothing recent or unsent', async () => {
    await system.query(`UPDATE applications.outbox SET sent_at = now() - interval '8 days'
                        WHERE status = 'sent'`);
    const sentOld = await count(`applications.outbox WHERE status = 'sent'`);
    // A pending row, however old, is an event not published yet: it must stay.
    await system.query(`INSERT INTO applications.outbox (event_id, type, envelope, created_at)
                        VALUES (gen_random_uuid(), 'test.pending', '{}', now() - interval '30 days')`);
    await system.query(`UPDATE credit_scoring.inbox SET processed_at = now() - interval '8 days'`);
    const inboxOld = await count('credit_scoring.inbox');
    await system.query(`INSERT INTO credit_scoring.inbox (consumer, event_id, event_type)
                        VALUES ('credit-scoring', gen_random_uuid(), 'test.recent')`);
    expect(sentOld).toBeGreaterThan(0);
    expect(inboxOld).toBeGreaterThan(0);

    const applications = await system.app('applications').get(RetentionService).purge();
    const scoring = await system.app('credit-scoring').get(RetentionService).purge();

    expect(applications).toMatchObject({ 'outbox sent for 7 days': sentOld });
    expect(scoring).toMatchObject({ 'inbox ids after 7 days': inboxOld });
    // (The relay may publish the pending row meanwhile: then it is sent just now, and stays too.)
    expect(
      await count(
        `applications.outbox WHERE status = 'sent' AND sent_at < now() - interval '7 days'`,
      ),
    ).toBe(0);
    expect(await count(`applications.outbox WHERE type = 'test.pending'`)).toBe(1);
    expect(await count(`credit_scoring.inbox`)).toBe(1);
  });

  it('forgets idempotency records after 24 hours and sign-in attempts out of their window', async () => {
    await system.query(`INSERT INTO gateway.idempotency_record
                          (principal, key, request_hash, status, created_at)
                        VALUES ('loan_officer:x', 'old-key', 'h', 'completed', now() - interval '25 hours'),
                               ('loan_officer:x', 'new-key', 'h', 'completed', now() - interval '23 hours')`);
    await system.query(`INSERT INTO gateway.sign_in_attempt (key, at, outcome)
                        VALUES ('user:someone', now() - interval '16 minutes', 'failed'),
                               ('user:someone', now() - interval '1 minute', 'failed')`);
    await system.query(`INSERT INTO gateway.sign_in_lock (key, locked_until)
                        VALUES ('user:ended', now() - interval '1 minute'),
                               ('user:locked', now() + interval '10 minutes')`);

    const deleted = await system.app('gateway').get(RetentionService).purge();

    expect(deleted).toMatchObject({
      'idempotency records after 24 hours': 1,
      'sign-in attempts out of their window': 1,
      'sign-in locks ended': 1,
    });
    const keys = await system.query<{ key: string }>(
      `SELECT key FROM gateway.idempotency_record WHERE principal = 'loan_officer:x'`,
    );
    expect(keys.map((row) => row.key)).toEqual(['new-key']);
    expect(await count(`gateway.sign_in_attempt WHERE key = 'user:someone'`)).toBe(1);
    expect(await count(`gateway.sign_in_lock WHERE key = 'user:locked'`)).toBe(1);
    // The key kept still replays its request.
    expect(await count(`gateway.idempotency_record WHERE key = 'retention-0001'`)).toBe(1);
  });

  it('runs scheduled work once at a time across replicas', async () => {
    const dataSource = system.app('applications').get(DataSource);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runAlone(dataSource, 'test-work', () => held.then(() => 'first'));
    // Another replica's tick while the first runs: skipped, not queued.
    const replica = await system.startReplica('applications');
    const second = await runAlone(replica.get(DataSource), 'test-work', async () => 'second');
    expect(second).toEqual({ ran: false });
    expect(await replica.get(RetentionService).purge()).not.toBeNull(); // other work is not held
    release();
    expect(await first).toEqual({ ran: true, result: 'first' });
    // Free again once it is done.
    expect(await runAlone(replica.get(DataSource), 'test-work', async () => 'third')).toEqual({
      ran: true,
      result: 'third',
    });
  });
});
