import { DecideApplicationService } from '../../apps/applications/src/applications/services/decide-application.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { TestSystem } from '../support/test-system';

describe('An application from registration to decision (gateway → applications → credit-scoring)', () => {
  let system: TestSystem;
  let officer: string;
  let officer2: string;
  let manager: string;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring'],
      label: 'journey',
    });
    [officer, officer2, manager] = await Promise.all([
      system.token('officer'),
      system.token('officer2'),
      system.token('manager'),
    ]);
  });
  afterAll(() => system?.close());

  const create = (body = applicationBody({ enterprise: { documentId: newDocumentId() } })) =>
    system.http().post('/api/applications').set('Authorization', `Bearer ${officer}`).send(body);

  /** Waits until the credit-scoring service has scored the application and it is in the review queue. */
  const scored = (id: string) =>
    eventually(async () => {
      const response = await system
        .http()
        .get(`/api/applications/${id}`)
        .set('Authorization', `Bearer ${officer}`);
      expect(response.body.status).toBe('in_review');
      return response.body;
    });

  it('answers the registration with the application as stored: what a read of it gives', async () => {
    const created = await create().expect(201);
    const read = await system
      .http()
      .get(`/api/applications/${created.body.id}`)
      .set('Authorization', `Bearer ${officer}`)
      .expect(200);
    // What scoring may have changed meanwhile (status, timeline, score) aside, every field is equal.
    const stored = (view: Record<string, unknown>) => {
      const rest = { ...view };
      for (const key of ['pin', 'status', 'timeline', 'score', 'decision', 'updatedAt']) {
        delete rest[key];
      }
      return rest;
    };
    expect(Object.keys(stored(created.body)).length).toBeGreaterThan(5);
    expect(stored(created.body)).toEqual(stored(read.body));
    expect(created.body.timeline[0]).toEqual(read.body.timeline[0]);
  });

  it("registers API.md's example and scores it exactly as the contract shows", async () => {
    const created = await create(applicationBody()).expect(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      score: null,
      decision: null,
      loanId: null,
    });
    expect(created.body.reference).toMatch(/^QL-[A-Z0-9]{6}$/);
    expect(created.body.pin).toMatch(/^\d{6}$/);

    const application = await scored(created.body.id);
    // A = 6000 · i / (1 − (1 + i)^−18) with i = 1.18^(1/12) − 1 → 379.03; S = 3200 − 1400 − 700 − 0 = 1100;
    // r = 379.03 / 1100 = 0.345 → 25 points; no history 10; 6 years 15; association 10; dairy 10;
    // other debt 0 % → 10: 80 → A. Max: the principal whose installment is 0.40 × 1100 = 440.00 → 6965.14.
    expect(application.score).toEqual({
      value: 80,
      grade: 'A',
      recommendation: 'approve',
      reasons: ['CAPACITY', 'NO_HISTORY'],
      installment: '379.03',
      netSurplus: '1100.00',
      maxAffordableAmount: '6965.14',
      scorecardVersion: 'v1',
      // TCEA of the quote: the fee 1.5 % of 70 % of 6000.00 = 63.00, so 5937.00 received against
      // 18 × 379.03; the monthly rate r with Σ 379.03 (1 + r)^−k = 5937.00 is 0.0150633…, and
      // (1 + r)^12 − 1 = 0.19648… → 0.1965.
      tcea: '0.1965',
    });
    expect(
      application.timeline.map((t: { status: string; by: string }) => [t.status, t.by]),
    ).toEqual([
      ['submitted', 'officer'],
      ['in_review', 'system'],
    ]);
    // The PIN is kept only as an argon2id hash.
    const [row] = await system.query<{ pin_hash: string }>(
      'SELECT pin_hash FROM applications.application WHERE id = $1',
      [created.body.id],
    );
    expect(row.pin_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.pin_hash).not.toContain(created.body.pin);
  });

  it('approves an application up to PEN 10,000 with one decision, recording who and why', async () => {
    const { body } = await create().expect(201);
    await scored(body.id);
    const decided = await system
      .http()
      .post(`/api/applications/${body.id}/decision`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ decision: 'approve', amount: '5500.00', termMonths: 12, reason: 'Good capacity' })
      .expect(200);
    expect(decided.body.status).toBe('approved');
    expect(decided.body.decision).toMatchObject({
      decision: 'approve',
      amount: '5500.00',
      termMonths: 12,
      reason: 'Good capacity',
      by: 'officer',
      secondApprovalBy: null,
    });
    expect(decided.body.timeline.at(-1)).toMatchObject({
      status: 'approved',
      by: 'officer',
      note: 'Good capacity',
    });

    // The approval carries the approved terms to disbursement as an event.
    const [event] = await system.query<{ envelope: { payload: Record<string, unknown> } }>(
      `SELECT envelope FROM applications.outbox WHERE type = 'application.approved' AND envelope->>'aggregateId' = $1`,
      [body.id],
    );
    expect(event.envelope.payload).toMatchObject({
      amount: '5500.00',
      termMonths: 12,
      tea: '0.18',
      grantRequested: '3000.00',
    });

    // Deciding again: the application is no longer waiting for a decision.
    await system
      .http()
      .post(`/api/applications/${body.id}/decision`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ decision: 'reject', reason: 'Changed my mind' })
      .expect(409);
  });

  it('rejects and asks for information only with a reason', async () => {
    const { body: a } = await create().expect(201);
    const { body: b } = await create().expect(201);
    await Promise.all([scored(a.id), scored(b.id)]);
    const decide = (id: string, payload: object) =>
      system
        .http()
        .post(`/api/applications/${id}/decision`)
        .set('Authorization', `Bearer ${officer}`)
        .send(payload);

    const noReason = await decide(a.id, { decision: 'reject' }).expect(400);
    expect(JSON.stringify(noReason.body.message)).toMatch(/reason/);
    await decide(a.id, { decision: 'reject', reason: 'Household expenses leave no margin' }).expect(
      200,
    );
    await decide(b.id, {
      decision: 'request_info',
      reason: 'Need a photo of the cooling tank quote',
    }).expect(200);

    const [rejected, infoRequested] = await Promise.all(
      [a.id, b.id].map((id) =>
        system.http().get(`/api/applications/${id}`).set('Authorization', `Bearer ${officer}`),
      ),
    );
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { decision: 'reject', by: 'officer' },
    });
    expect(infoRequested.body.status).toBe('info_requested');
    expect(infoRequested.body.timeline.at(-1).note).toBe('Need a photo of the cooling tank quote');
  });

  it('refuses an approval outside the product limits with 422 and leaves the application in review', async () => {
    const { body } = await create().expect(201);
    await scored(body.id);
    const response = await system
      .http()
      .post(`/api/applications/${body.id}/decision`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ decision: 'approve', amount: '30000.01' })
      .expect(422);
    expect(response.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    const after = await system
      .http()
      .get(`/api/applications/${body.id}`)
      .set('Authorization', `Bearer ${officer}`);
    expect(after.body).toMatchObject({ status: 'in_review', decision: null });
  });

  describe('a large loan (above PEN 10,000) needs a fund manager as checker', () => {
    let id: string;

    beforeAll(async () => {
      const { body } = await create(
        applicationBody({
          enterprise: { documentId: newDocumentId() },
          request: { amount: '15000.00', termMonths: 24 },
          cashflow: { monthlyRevenue: '6000.00' },
        }),
      ).expect(201);
      id = body.id;
      await scored(id);
    });

    it("the officer's approval waits for the second approval", async () => {
      const response = await system
        .http()
        .post(`/api/applications/${id}/decision`)
        .set('Authorization', `Bearer ${officer}`)
        .send({ decision: 'approve', reason: 'Strong dairy association' })
        .expect(200);
      expect(response.body.status).toBe('awaiting_second_approval');
      expect(response.body.decision).toMatchObject({
        decision: 'approve',
        amount: '15000.00',
        by: 'officer',
        secondApprovalBy: null,
      });
    });

    it('another officer may not give the second approval', async () => {
      await system
        .http()
        .post(`/api/applications/${id}/decision`)
        .set('Authorization', `Bearer ${officer2}`)
        .send({ decision: 'approve' })
        .expect(403);
    });

    it('the fund manager approves it and is recorded as the checker', async () => {
      const response = await system
        .http()
        .post(`/api/applications/${id}/decision`)
        .set('Authorization', `Bearer ${manager}`)
        .send({ decision: 'approve', reason: 'Within the fund policy' })
        .expect(200);
      expect(response.body.status).toBe('approved');
      expect(response.body.decision).toMatchObject({
        amount: '15000.00',
        by: 'officer',
        secondApprovalBy: 'manager',
      });
      expect(response.body.timeline.map((t: { status: string }) => t.status)).toEqual([
        'submitted',
        'in_review',
        'awaiting_second_approval',
        'approved',
      ]);
    });
  });

  it('a fund manager may not make the first decision', async () => {
    const { body } = await create().expect(201);
    await scored(body.id);
    await system
      .http()
      .post(`/api/applications/${body.id}/decision`)
      .set('Authorization', `Bearer ${manager}`)
      .send({ decision: 'approve' })
      .expect(403);
  });

  it('lists the review queue oldest first, filtered and paged', async () => {
    const municipality = `Ccatca-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await create(
        applicationBody({
          enterprise: { documentId: newDocumentId(), municipality, valueChain: 'guinea_pig' },
        }),
      ).expect(201);
      ids.push(body.id);
    }
    await Promise.all(ids.map(scored));
    const page1 = await system
      .http()
      .get('/api/applications')
      .query({ status: 'in_review', municipality, valueChain: 'guinea_pig', page: 1, pageSize: 2 })
      .set('Authorization', `Bearer ${manager}`)
      .expect(200);
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
    const page2 = await system
      .http()
      .get('/api/applications')
      .query({ municipality, page: 2, pageSize: 2 })
      .set('Authorization', `Bearer ${officer}`)
      .expect(200);
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(2));

    await system
      .http()
      .get('/api/applications')
      .query({ pageSize: 101 })
      .set('Authorization', `Bearer ${officer}`)
      .expect(400);
    await system
      .http()
      .get('/api/applications')
      .query({ status: 'lost' })
      .set('Authorization', `Bearer ${officer}`)
      .expect(400);
  });

  it('scores a resubmission anew after a request for information', async () => {
    const body = applicationBody({
      enterprise: { documentId: newDocumentId() },
      cashflow: { monthlyRevenue: '2400.00' },
    });
    const { body: created } = await create(body).expect(201);
    // S = 2400 − 1400 − 700 = 300; r = 379.03 / 300 > 0.60 → 0 capacity points: 55, C.
    expect((await scored(created.id)).score).toMatchObject({
      value: 55,
      grade: 'C',
      recommendation: 'review',
    });
    const resubmit = (payload: object) =>
      system
        .http()
        .post(`/api/applications/${created.id}/resubmit`)
        .set('Authorization', `Bearer ${officer}`)
        .send(payload);
    await resubmit({ note: 'too early' }).expect(409);

    await system
      .http()
      .post(`/api/applications/${created.id}/decision`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ decision: 'request_info', reason: 'Show the milk sales to the cooperative' })
      .expect(200);
    const resubmitted = await resubmit({
      cashflow: { ...body.cashflow, monthlyRevenue: '3200.00' },
      note: 'Cooperative receipts for 6 months',
    }).expect(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', score: null, decision: null });

    const rescored = await scored(created.id);
    expect(rescored.score).toMatchObject({ value: 80, grade: 'A', netSurplus: '1100.00' });
    expect(rescored.timeline.map((t: { status: string }) => t.status)).toEqual([
      'submitted',
      'in_review',
      'info_requested',
      'submitted',
      'in_review',
    ]);
    expect(rescored.timeline[3]).toMatchObject({
      by: 'officer',
      note: 'Cooperative receipts for 6 months',
    });
  });

  it('never lets the first approver give the second approval, whatever their role', async () => {
    const { body } = await create(
      applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: { amount: '12000.00' },
        cashflow: { monthlyRevenue: '6000.00' },
      }),
    ).expect(201);
    await scored(body.id);
    await system
      .http()
      .post(`/api/applications/${body.id}/decision`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ decision: 'approve' })
      .expect(200);
    const [first] = await system.query<{ decided_by_id: string }>(
      'SELECT decided_by_id FROM applications.application WHERE id = $1',
      [body.id],
    );
    // A person holding both roles would carry the same id in both tokens.
    const decide = system.app('applications').get(DecideApplicationService);
    await expect(
      decide.execute({
        actor: { id: first.decided_by_id, name: 'officer', role: 'fund_manager' },
        id: body.id,
        body: { decision: 'approve' },
      }),
    ).rejects.toMatchObject({ code: 'SAME_APPROVER', status: 403 });
  });
});
