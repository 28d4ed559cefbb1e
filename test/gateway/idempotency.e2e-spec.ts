import { Client } from 'pg';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

describe('Idempotency-Key on POST', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    // A short lease, so that a dead request's key is free again within the test's seconds.
    process.env.IDEMPOTENCY_LEASE_MS = '1000';
    system = await TestSystem.start({
      services: ['gateway', 'applications'],
      label: 'idempotency',
    });
    delete process.env.IDEMPOTENCY_LEASE_MS;
    officer = await system.token('officer');
  });
  afterAll(() => system?.close());

  const count = async () =>
    Number(
      (await system.query<{ n: string }>('SELECT count(*) AS n FROM applications.application'))[0]
        .n,
    );
  const post = (key: string, body: object) =>
    system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .set('Idempotency-Key', key)
      .send(body);

  it('returns the first response again for the same key and body, and creates one application', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const before = await count();
    const first = await post('officer-tablet-0001', body).expect(201);
    const again = await post('officer-tablet-0001', body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.body.pin).toBe(first.body.pin);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    await post('officer-tablet-0002', body).expect(201);
    const before = await count();
    const other = await post('officer-tablet-0002', {
      ...body,
      request: { ...body.request, amount: '7000.00' },
    }).expect(422);
    expect(other.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(await count()).toBe(before);
  });

  it('gives one application when the same request is sent twice at once', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const before = await count();
    const responses = await Promise.all([
      post('officer-tablet-0003', body),
      post('officer-tablet-0003', body),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    // The second either waited for the answer (201, the same) or found the first still running (409).
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const created = responses.filter((r) => r.status === 201).map((r) => r.body.id);
    expect(new Set(created).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('keeps a refusal: a key first used for an invalid request gives the same 422 again', async () => {
    const body = applicationBody({
      enterprise: { documentId: newDocumentId() },
      request: { amount: '45000.00' },
    });
    const first = await post('officer-tablet-0004', body).expect(422);
    const again = await post('officer-tablet-0004', body).expect(422);
    expect(again.body).toEqual(first.body);
  });

  it('scopes keys to the caller: another officer with the same key makes their own application', async () => {
    const officer2 = await system.token('officer2');
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const mine = await post('shared-key', body).expect(201);
    const theirs = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer2}`)
      .set('Idempotency-Key', 'shared-key')
      .send(body)
      .expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('keeps the PIN out of the database in clear text', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const response = await post('officer-tablet-0005', body).expect(201);
    const [record] = await system.query<{ response_body: string }>(
      `SELECT response_body FROM gateway.idempotency_record WHERE key = 'officer-tablet-0005'`,
    );
    expect(record.response_body).not.toContain(response.body.pin);
    expect(record.response_body).not.toContain(response.body.reference);
  });

  it('frees the key of a request whose gateway died, and the retry finds what it committed', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const first = await post('officer-tablet-0010', body).expect(201);
    const before = await count();
    // As if the gateway had died after the service committed, before it kept the answer: the key
    // is still `processing`, and nobody renews its lease.
    await system.query(
      `UPDATE gateway.idempotency_record SET status = 'processing', response_status = NULL,
         response_body = NULL, completed_at = NULL, lease_until = now() - interval '1 second'
       WHERE key = 'officer-tablet-0010'`,
    );
    const retry = await post('officer-tablet-0010', body).expect(201);
    // The same application, not a second one (its PIN is new: the first answer never arrived).
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.reference).toBe(first.body.reference);
    expect(await count()).toBe(before);
    // Kept now: the same request again replays it.
    expect((await post('officer-tablet-0010', body).expect(201)).body).toEqual(retry.body);
  });

  it('keeps the key of a request that still runs, however long it takes (409 meanwhile)', async () => {
    const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
    const before = await count();
    // Hold the applications table so that the create waits, well past the 1-second lease.
    const blocker = new Client({ connectionString: system.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE applications.application IN EXCLUSIVE MODE');
      const slow = post('officer-tablet-0011', body).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const meanwhile = await post('officer-tablet-0011', body).expect(409);
      expect(meanwhile.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      await blocker.query('COMMIT');
      const done = await slow;
      expect(done.status).toBe(201);
      expect((await post('officer-tablet-0011', body).expect(201)).body).toEqual(done.body);
      expect(await count()).toBe(before + 1);
    } finally {
      await blocker.end();
    }
  });
});
