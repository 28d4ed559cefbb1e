import { DataSource } from 'typeorm';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { disburseLoan } from '../support/loan-factory';
import { parseCsv } from '../support/csv';
import { TestSystem } from '../support/test-system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIELDS = ['action', 'actor', 'at', 'id', 'requestId', 'resourceId', 'role', 'statusCode'];
const REPAYMENTS = 'POST /api/loans/{id}/repayments';

interface Entry {
  id: string;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  resourceId: string | null;
  statusCode: number;
  requestId: string;
}

/**
 * The audit trail: every POST and PATCH under /api recorded once — accepted or refused, sign-ins
 * included — with its request id; a table the database refuses to change; GET /api/audit with its
 * filters, for admins and fund managers only. The business date is 2026-01-15, the day the suite's
 * loan (PEN 1,000.00 over 3 months) is paid out.
 */
describe('Audit trail', () => {
  let system: TestSystem;
  let tokens: { officer: string; manager: string; admin: string };
  let loanId: string;
  let reference: string;
  let pin: string;
  let applicationId: string;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'repayment'],
      label: 'audit',
    });
    const [officer, manager, admin] = await Promise.all(
      ['officer', 'manager', 'admin'].map((name) => system.token(name)),
    );
    tokens = { officer, manager, admin };
    ({ loanId } = await disburseLoan(system, officer, { principal: '1000.00', termMonths: 3 }));
  });
  afterAll(() => system?.close());

  const post = (path: string, requestId: string, token?: string) => {
    const call = system.http().post(path).set('X-Request-Id', requestId);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };
  const audit = (query: Record<string, string | number>, token = tokens.admin) =>
    system.http().get('/api/audit').query(query).set('Authorization', `Bearer ${token}`);

  /** The rows of one request, once the gateway has written them (it does after answering). */
  const entriesOf = (requestId: string) =>
    eventually(async () => {
      const rows = await system.query<{ id: string }>(
        'SELECT id FROM gateway.audit_entry WHERE request_id = $1',
        [requestId],
      );
      expect(rows.length).toBeGreaterThan(0);
      // What the admin reads: newest first, filtered to this request's action.
      const { body } = await audit({ pageSize: 100 }).expect(200);
      return (body.items as Entry[]).filter((item) => item.requestId === requestId);
    });
  const entryOf = async (requestId: string) => {
    const entries = await entriesOf(requestId);
    expect(entries).toHaveLength(1);
    return entries[0];
  };

  describe('what is recorded', () => {
    it("records a repayment once, with the client's request id, the officer and the loan", async () => {
      const response = await post(`/api/loans/${loanId}/repayments`, 'rcpt-000123', tokens.officer)
        .send({ amount: '100.00', paidOn: '2026-01-15', externalRef: 'RCPT-000123' })
        .expect(201);
      expect(response.headers['x-request-id']).toBe('rcpt-000123');

      const entry = await entryOf('rcpt-000123');
      expect(Object.keys(entry).sort()).toEqual(FIELDS);
      expect(entry).toEqual({
        id: expect.stringMatching(UUID),
        at: expect.any(String),
        actor: 'officer',
        role: 'loan_officer',
        action: REPAYMENTS,
        // The route's {id}, not the repayment's id in the answer.
        resourceId: loanId,
        statusCode: 201,
        requestId: 'rcpt-000123',
      });
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
    });

    it('records refusals: a business rule (422), a role (403), no token (401), a bad body (400)', async () => {
      await post(`/api/loans/${loanId}/repayments`, 'refused-422', tokens.officer)
        .send({ amount: '100.00', paidOn: '2026-02-20', externalRef: 'RCPT-LATER' })
        .expect(422);
      await post(`/api/loans/${loanId}/write-off`, 'refused-403', tokens.officer)
        .send({ reason: 'An officer may not write a loan off' })
        .expect(403);
      await post(`/api/loans/${loanId}/repayments`, 'refused-401')
        .send({ amount: '100.00', paidOn: '2026-01-15', externalRef: 'RCPT-NO-TOKEN' })
        .expect(401);
      await post(`/api/loans/${loanId}/repayments`, 'refused-400', tokens.officer)
        .set('Content-Type', 'application/json')
        .send('{"amount": "100.00",')
        .expect(400);

      expect(await entryOf('refused-422')).toMatchObject({
        actor: 'officer',
        role: 'loan_officer',
        action: REPAYMENTS,
        resourceId: loanId,
        statusCode: 422,
      });
      expect(await entryOf('refused-403')).toMatchObject({
        actor: 'officer',
        role: 'loan_officer',
        action: 'POST /api/loans/{id}/write-off',
        resourceId: loanId,
        statusCode: 403,
      });
      // Refused before anyone was authenticated: no actor.
      expect(await entryOf('refused-401')).toMatchObject({
        actor: null,
        role: null,
        action: REPAYMENTS,
        resourceId: loanId,
        statusCode: 401,
      });
      expect(await entryOf('refused-400')).toMatchObject({
        action: REPAYMENTS,
        resourceId: loanId,
        statusCode: 400,
      });
    });

    it('records a POST to an unknown route (404) with its path', async () => {
      await post('/api/reschedule-everything', 'unknown-404', tokens.officer).send({}).expect(404);
      expect(await entryOf('unknown-404')).toMatchObject({
        action: 'POST /api/reschedule-everything',
        resourceId: null,
        statusCode: 404,
      });
    });

    it('records each request of a burst once, in the order they were answered', async () => {
      // Entries are written in batches under load: none may be lost, doubled or reordered.
      const ids = Array.from({ length: 60 }, (_, i) => `burst-${String(i).padStart(2, '0')}`);
      await Promise.all(
        ids.map((id) => post('/api/burst-probe', id, tokens.officer).send({}).expect(404)),
      );
      await eventually(async () => {
        const rows = await system.query<{ request_id: string; n: number }>(
          `SELECT request_id, count(*)::int AS n FROM gateway.audit_entry
           WHERE request_id = ANY($1) GROUP BY request_id`,
          [ids],
        );
        expect(rows).toHaveLength(ids.length);
        expect(rows.every((row) => row.n === 1)).toBe(true);
      });
      const written = await system.query<{ at: Date }>(
        'SELECT at FROM gateway.audit_entry WHERE request_id = ANY($1) ORDER BY seq',
        [ids],
      );
      const times = written.map((row) => row.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('records what a 201 created, and an idempotent replay as a request of its own', async () => {
      const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
      const first = await post('/api/applications', 'create-1', tokens.officer)
        .set('Idempotency-Key', 'audit-application-1')
        .send(body)
        .expect(201);
      const replay = await post('/api/applications', 'create-1-again', tokens.officer)
        .set('Idempotency-Key', 'audit-application-1')
        .send(body)
        .expect(201);
      expect(replay.body.id).toBe(first.body.id);
      ({ id: applicationId, reference, pin } = first.body);

      for (const requestId of ['create-1', 'create-1-again']) {
        expect(await entryOf(requestId)).toMatchObject({
          actor: 'officer',
          action: 'POST /api/applications',
          resourceId: applicationId,
          statusCode: 201,
        });
      }
    });

    it('does not record reads', async () => {
      await system
        .http()
        .get(`/api/loans/${loanId}`)
        .set('Authorization', `Bearer ${tokens.officer}`)
        .set('X-Request-Id', 'just-reading')
        .expect(200);
      // A later write has been recorded, so the read would have been by now.
      await post('/api/auth/login', 'after-the-read').send({ username: 'x', password: 'y' });
      await entryOf('after-the-read');
      const rows = await system.query(
        `SELECT 1 FROM gateway.audit_entry WHERE request_id = 'just-reading'`,
      );
      expect(rows).toHaveLength(0);
    });
  });

  describe('sign-ins', () => {
    it('a staff sign-in: the username tried when it exists, null when it does not', async () => {
      await post('/api/auth/login', 'login-ok').send({
        username: 'manager',
        password: 'manager-demo',
      });
      await post('/api/auth/login', 'login-wrong-password')
        .send({ username: 'officer', password: 'not-the-password' })
        .expect(401);
      await post('/api/auth/login', 'login-unknown-user')
        .send({ username: 'mallory', password: 'whatever-it-is' })
        .expect(401);

      expect(await entryOf('login-ok')).toMatchObject({
        actor: 'manager',
        role: 'fund_manager',
        action: 'POST /api/auth/login',
        resourceId: null,
        statusCode: 200,
      });
      expect(await entryOf('login-wrong-password')).toMatchObject({
        actor: 'officer',
        role: 'loan_officer',
        action: 'POST /api/auth/login',
        statusCode: 401,
      });
      expect(await entryOf('login-unknown-user')).toMatchObject({
        actor: null,
        role: null,
        action: 'POST /api/auth/login',
        statusCode: 401,
      });
    });

    it("a family's sign-in: the reference tried when it exists, null when it does not", async () => {
      expect(reference).toMatch(/^QL-/);
      await post('/api/auth/enterprise', 'pin-wrong')
        .send({ reference: reference.toLowerCase(), pin: '000000' })
        .expect(401);
      await post('/api/auth/enterprise', 'pin-unknown-reference')
        .send({ reference: 'QL-NOSUCH', pin: '000000' })
        .expect(401);

      expect(await entryOf('pin-wrong')).toMatchObject({
        actor: reference,
        role: 'enterprise',
        action: 'POST /api/auth/enterprise',
        statusCode: 401,
      });
      expect(await entryOf('pin-unknown-reference')).toMatchObject({
        actor: null,
        role: null,
        statusCode: 401,
      });
    });
  });

  describe('append-only', () => {
    it("refuses UPDATE, DELETE and TRUNCATE, even on the gateway's own connection", async () => {
      await entryOf('rcpt-000123');
      const gatewayDb = system.app('gateway').get(DataSource);
      const [before] = await gatewayDb.query('SELECT count(*)::int AS n FROM audit_entry');

      await expect(
        gatewayDb.query(
          `UPDATE audit_entry SET status_code = 200 WHERE request_id = 'refused-403'`,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(
        gatewayDb.query(`DELETE FROM audit_entry WHERE request_id = 'rcpt-000123'`),
      ).rejects.toThrow(/append-only/);
      await expect(gatewayDb.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);

      const [after] = await gatewayDb.query('SELECT count(*)::int AS n FROM audit_entry');
      expect(after.n).toBeGreaterThanOrEqual(before.n);
      expect((await entryOf('refused-403')).statusCode).toBe(403);
      expect(await entryOf('rcpt-000123')).toMatchObject({ statusCode: 201 });
    });
  });

  describe('GET /api/audit', () => {
    beforeAll(async () => {
      // Every row the filters below look at is written.
      await entryOf('rcpt-000123');
      await entryOf('pin-unknown-reference');
    });

    it('is for admins and fund managers only', async () => {
      await audit({}, tokens.admin).expect(200);
      await audit({}, tokens.manager).expect(200);
      await audit({}, tokens.officer).expect(403);
      const family = await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference, pin })
        .expect(200);
      await audit({}, family.body.accessToken).expect(403);
      await system.http().get('/api/audit').expect(401);
    });

    it('lists newest first, in pages of at most 100', async () => {
      const { body } = await audit({ pageSize: 100 }).expect(200);
      expect(body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) });
      const times = (body.items as Entry[]).map((item) => item.at);
      expect(times).toEqual([...times].sort().reverse());

      const firstPage = (await audit({ pageSize: 2, page: 1 }).expect(200)).body;
      const secondPage = (await audit({ pageSize: 2, page: 2 }).expect(200)).body;
      expect(firstPage.items).toHaveLength(2);
      expect(secondPage.total).toBe(firstPage.total);
      expect(secondPage.items[0].id).toBe(body.items[2].id);
      await audit({ pageSize: 101 }).expect(400);
      await audit({ page: 0 }).expect(400);
    });

    it('exports every matching row as CSV, whatever the page size', async () => {
      const json = (await audit({ resourceId: loanId, pageSize: 100 }).expect(200)).body;
      const answer = await audit({ resourceId: loanId, pageSize: 1 })
        .set('Accept', 'text/csv')
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const { header, rows } = parseCsv(answer.body as string);
      expect(header).toEqual([
        'id',
        'at',
        'actor',
        'role',
        'action',
        'resourceId',
        'statusCode',
        'requestId',
      ]);
      expect(rows).toHaveLength(json.total);
      expect(rows.map((row) => row.requestId)).toEqual(
        (json.items as Entry[]).map((item) => item.requestId),
      );
    });

    it('filters by actor, action and resource', async () => {
      const byActor = (await audit({ actor: 'officer', pageSize: 100 }).expect(200)).body;
      expect(byActor.total).toBeGreaterThanOrEqual(6);
      expect(new Set((byActor.items as Entry[]).map((item) => item.actor))).toEqual(
        new Set(['officer']),
      );

      const byAction = (await audit({ action: REPAYMENTS }).expect(200)).body;
      // rcpt-000123 (201), refused-422, refused-401, refused-400.
      expect(byAction.total).toBe(4);
      expect((byAction.items as Entry[]).map((item) => item.statusCode).sort()).toEqual([
        201, 400, 401, 422,
      ]);

      const byResource = (await audit({ resourceId: loanId }).expect(200)).body;
      expect((byResource.items as Entry[]).map((item) => item.requestId).sort()).toEqual(
        ['rcpt-000123', 'refused-400', 'refused-401', 'refused-403', 'refused-422'].sort(),
      );
      const both = (await audit({ resourceId: loanId, action: 'POST /api/loans/{id}/write-off' }))
        .body;
      expect(both.items.map((item: Entry) => item.requestId)).toEqual(['refused-403']);
      expect((await audit({ actor: 'nobody-at-all' })).body).toMatchObject({ items: [], total: 0 });
    });

    it('filters by time: instants and whole days in Lima, both ends included', async () => {
      const repayment = await entryOf('rcpt-000123');
      const at = repayment.at;
      const later = (await audit({ from: at, pageSize: 100 }).expect(200)).body.items as Entry[];
      expect(later.map((item) => item.requestId)).toContain('rcpt-000123');
      expect(later.every((item) => item.at >= at)).toBe(true);
      const earlier = (await audit({ to: at, pageSize: 100 }).expect(200)).body.items as Entry[];
      expect(earlier.map((item) => item.requestId)).toContain('rcpt-000123');
      expect(earlier.every((item) => item.at <= at)).toBe(true);
      const exactly = (await audit({ from: at, to: at }).expect(200)).body.items as Entry[];
      expect(exactly.map((item) => item.requestId)).toContain('rcpt-000123');

      // The day in Lima (UTC−5) of the repayment's row, and the day before.
      const limaDay = (offsetDays: number) =>
        new Date(Date.parse(at) - 5 * 3600_000 + offsetDays * 86_400_000)
          .toISOString()
          .slice(0, 10);
      const thatDay = (await audit({ from: limaDay(0), to: limaDay(0), pageSize: 100 }).expect(200))
        .body.items as Entry[];
      expect(thatDay.map((item) => item.requestId)).toContain('rcpt-000123');
      const dayBefore = (await audit({ to: limaDay(-1) }).expect(200)).body;
      expect(dayBefore.items.map((item: Entry) => item.requestId)).not.toContain('rcpt-000123');
      const dayAfter = (await audit({ from: limaDay(1) }).expect(200)).body;
      expect(dayAfter.items.map((item: Entry) => item.requestId)).not.toContain('rcpt-000123');
    });

    it('refuses a query it does not understand', async () => {
      const refused: Record<string, string>[] = [
        { unknown: 'x' },
        { from: '2026-02-30' },
        { from: '2026-04-02T10:00:00' },
        { from: 'yesterday' },
        { from: '2026-04-03', to: '2026-04-02' },
        { actor: 'x'.repeat(129) },
      ];
      for (const query of refused) {
        const response = await audit(query);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
      await audit({ from: '2026-04-02T10:00:00-05:00', to: '2026-04-02' }).expect(200);
    });
  });
});
