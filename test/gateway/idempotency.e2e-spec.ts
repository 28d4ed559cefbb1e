import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

describe('Idempotency-Key on POST', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications'],
      label: 'idempotency',
    });
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
});
