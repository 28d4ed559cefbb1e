import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * X-Request-Id: taken from the client when well-formed, else given by the gateway; on every answer;
 * and carried to the services — in the NATS request's headers to the one that handles it, and in
 * the envelope of the events it writes, to the services that handle those.
 */
describe('The request id, from the client to every service', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'repayment'],
      label: 'request_id',
    });
    officer = await system.token('officer');
  });
  afterAll(() => system?.close());

  const asOfficer = (path: string, requestId?: string) => {
    const call = system.http().post(path).set('Authorization', `Bearer ${officer}`);
    return requestId ? call.set('X-Request-Id', requestId) : call;
  };

  describe('on every answer', () => {
    it("echoes the client's id on a success", async () => {
      const response = await system
        .http()
        .get('/api/admin/business-date')
        .set('Authorization', `Bearer ${officer}`)
        .set('X-Request-Id', 'echo-ok-1')
        .expect(200);
      expect(response.headers['x-request-id']).toBe('echo-ok-1');
    });

    it('gives one (a UUID) when the client sends none, or one that is not well-formed', async () => {
      const none = await system.http().get('/health');
      expect(none.headers['x-request-id']).toMatch(UUID);
      for (const bad of ['has spaces', 'x'.repeat(129), 'semi;colon']) {
        const response = await system
          .http()
          .post('/api/auth/login')
          .set('X-Request-Id', bad)
          .send({ username: 'officer', password: 'officer-demo' })
          .expect(200);
        expect(response.headers['x-request-id']).toMatch(UUID);
      }
      const first = await system.http().get('/health');
      const second = await system.http().get('/health');
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });

    it('echoes it on the 404 of an unknown route, GET or POST', async () => {
      const get = await system.http().get('/api/no-such-thing').set('X-Request-Id', 'echo-404-get');
      expect(get.status).toBe(404);
      expect(get.headers['x-request-id']).toBe('echo-404-get');
      const post = await asOfficer('/api/no-such-thing', 'echo-404-post').send({});
      expect(post.status).toBe(404);
      expect(post.headers['x-request-id']).toBe('echo-404-post');
    });

    it("echoes it on a 400: the JSON parser's and validation's", async () => {
      const parser = await system
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'echo-400-json')
        .send('{"username": "officer",');
      expect(parser.status).toBe(400);
      expect(parser.headers['x-request-id']).toBe('echo-400-json');
      const validation = await asOfficer('/api/applications', 'echo-400-body').send({});
      expect(validation.status).toBe(400);
      expect(validation.headers['x-request-id']).toBe('echo-400-body');
    });

    it('echoes it on a 401 and a 403 of the guard', async () => {
      const unauthorised = await system
        .http()
        .post('/api/applications')
        .set('X-Request-Id', 'echo-401')
        .send(applicationBody());
      expect(unauthorised.status).toBe(401);
      expect(unauthorised.headers['x-request-id']).toBe('echo-401');
      const forbidden = await asOfficer('/api/admin/close-of-business', 'echo-403').send({
        date: '2026-01-16',
      });
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers['x-request-id']).toBe('echo-403');
    });
  });

  describe('to the services', () => {
    it('reaches the repayment service, which writes it into the event of the repayment', async () => {
      const { loanId } = await disburseLoan(system, officer, {
        principal: '1000.00',
        termMonths: 3,
      });
      await asOfficer(`/api/loans/${loanId}/repayments`, 'trace-repayment-1')
        .send({ amount: '100.00', paidOn: '2026-01-15', externalRef: 'TRACE-1' })
        .expect(201);
      // The repayment service handled the NATS request in the request's context: the event it
      // wrote in that transaction names the request.
      const [recorded] = await system.query<{ envelope: Record<string, unknown> }>(
        `SELECT envelope FROM repayment.outbox
         WHERE type = 'loan.repayment_recorded' AND envelope->>'aggregateId' = $1`,
        [loanId],
      );
      expect(recorded.envelope.requestId).toBe('trace-repayment-1');
      // The loan.disbursed the test published came from no request, and the loan account opened
      // from it wrote nothing that names one.
      const [unrequested] = await system.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM repayment.outbox
         WHERE envelope->>'aggregateId' = $1 AND envelope ? 'requestId'
           AND type <> 'loan.repayment_recorded'`,
        [loanId],
      );
      expect(unrequested.n).toBe(0);
    });

    it('follows the events a request caused: submitted → scored (credit-scoring) → in review', async () => {
      const created = await asOfficer('/api/applications', 'trace-application-1')
        .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
        .expect(201);
      const eventsOf = (schema: string) =>
        system.query<{ type: string; request_id: string | null }>(
          `SELECT type, envelope->>'requestId' AS request_id FROM ${schema}.outbox
           WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
          [created.body.id],
        );
      const scored = await eventually(async () => {
        const rows = await eventsOf('credit_scoring');
        expect(rows.map((row) => row.type)).toContain('application.scored');
        return rows;
      });
      expect(scored.find((row) => row.type === 'application.scored')?.request_id).toBe(
        'trace-application-1',
      );
      await eventually(async () => {
        const rows = await eventsOf('applications');
        expect(rows).toEqual(
          expect.arrayContaining([
            { type: 'application.submitted', request_id: 'trace-application-1' },
            expect.objectContaining({ type: 'application.status_changed' }),
          ]),
        );
        // The move to in_review (made on application.scored) carries the id along too.
        expect(
          rows.filter((row) => row.type === 'application.status_changed').map((r) => r.request_id),
        ).toEqual(expect.arrayContaining(['trace-application-1']));
      });
    });
  });
});
