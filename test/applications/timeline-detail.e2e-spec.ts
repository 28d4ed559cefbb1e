import { applicationBody, newDocumentId } from '../support/application-factory';
import { businessDayClosed } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { publishEvents } from '../support/publish-event';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

interface Entry {
  status: string;
  by: string;
  byName: string | null;
  note: string | null;
  noteBySystem: boolean;
  detail: Record<string, unknown> | null;
}

/**
 * What the system did at each step of a timeline, coded with its figures (`detail`), and who acted
 * by the name people know them by (`byName`): a score, an approval above PEN 10,000, a waitlisting
 * for each of its reasons, payouts with a grant paid and refused for each of its reasons.
 */
describe('The timeline says what happened in codes and names, not English notes', () => {
  let system: TestSystem;
  let staff: StaffClient;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement'],
      label: 'timeline_detail',
    });
    await publishEvents(system, [businessDayClosed('2026-04-10')]);
    staff = await StaffClient.signIn(system);
    // Capital 1000.00 → room for 4000.00 of exposure; budget 3500.00 for grants.
    await staff.addGuaranteeCapital('1000.00', 'BN-TL-1000');
    await staff.addInnovationBudget('3500.00', 'MINAGRI-TL-3500');
  });
  afterAll(() => system?.close());

  const timeline = async (id: string): Promise<Entry[]> => (await staff.application(id)).timeline;
  const last = async (id: string): Promise<Entry> => (await timeline(id)).at(-1)!;
  const register = (overrides: Parameters<typeof applicationBody>[0] = {}) =>
    staff.registerScored(
      applicationBody({
        ...overrides,
        enterprise: { documentId: newDocumentId(), ...overrides.enterprise },
      }),
    );

  describe('a loan above the threshold, waitlisted, then paid out', () => {
    let big: string;
    let small: string;

    it('is scored by the system: score, grade and recommendation, no name', async () => {
      big = await register({
        request: { amount: '12500.00', termMonths: 24, innovation: undefined },
        cashflow: { monthlyRevenue: '9000.00' },
      });
      const application = await staff.application(big);
      const [submitted, scored] = application.timeline as Entry[];
      expect(submitted).toMatchObject({
        status: 'submitted',
        by: 'officer',
        byName: 'Rosa Huamán',
        detail: null,
        note: null,
      });
      expect(scored).toEqual({
        status: 'in_review',
        at: expect.any(String),
        by: 'system',
        byName: null,
        // Kept for older clients, and marked as the system's.
        note: `Scored ${application.score.value} (${application.score.grade}), recommendation: ${application.score.recommendation}`,
        noteBySystem: true,
        detail: {
          code: 'SCORED',
          score: application.score.value,
          grade: application.score.grade,
          recommendation: application.score.recommendation,
        },
      });
    });

    it("an officer's approval of 12,500.00 says that a fund manager must confirm above 10,000.00", async () => {
      const decided = await staff
        .as('officer')
        .post(`/api/applications/${big}/decision`, { decision: 'approve' })
        .expect(200);
      expect(decided.body.timeline.at(-1)).toEqual({
        status: 'awaiting_second_approval',
        at: expect.any(String),
        by: 'officer',
        byName: 'Rosa Huamán',
        note: 'Approved for 12500.00: above 10000.00, a fund manager must confirm',
        noteBySystem: true,
        detail: { code: 'SECOND_APPROVAL_REQUIRED', amount: '12500.00', threshold: '10000.00' },
      });
    });

    it('with its guarantee of 8,750.00 above the room of 4,000.00 it waits: GUARANTEE_CAPACITY', async () => {
      const approved = await staff
        .as('manager')
        .post(`/api/applications/${big}/decision`, { decision: 'approve', reason: 'Revisado' })
        .expect(200);
      expect(approved.body.decision).toMatchObject({
        by: 'officer',
        byName: 'Rosa Huamán',
        secondApprovalBy: 'manager',
        secondApprovalByName: 'Elena Quispe',
      });
      expect(approved.body.timeline.at(-1)).toMatchObject({
        status: 'approved',
        by: 'manager',
        byName: 'Elena Quispe',
        note: 'Revisado',
        noteBySystem: false,
        detail: null,
      });
      await staff.waitForStatus(big, 'waitlisted');
      expect(await last(big)).toEqual({
        status: 'waitlisted',
        at: expect.any(String),
        by: 'system',
        byName: null,
        note: expect.stringMatching(/leverage limit/),
        noteBySystem: true,
        // 12,500.00 × 70 % = 8,750.00 > 4 × 1,000.00 − 0 = 4,000.00.
        detail: {
          code: 'WAITLISTED',
          reason: 'GUARANTEE_CAPACITY',
          guarantee: '8750.00',
          room: '4000.00',
        },
      });
    });

    it('a small loan that would fit waits behind it: QUEUE_AHEAD, one ahead', async () => {
      small = await register({ request: { amount: '1000.00', innovation: undefined } });
      await staff.approve(small, 'Pequeño');
      await staff.waitForStatus(small, 'waitlisted');
      // The list's items carry no timeline, but their decision carries the names.
      const list = await staff.as('manager').get('/api/applications?status=waitlisted').expect(200);
      expect(
        list.body.items.map((a: { decision: { byName: string } }) => a.decision.byName),
      ).toEqual(['Rosa Huamán', 'Rosa Huamán']);
      expect((await last(small)).detail).toEqual({
        code: 'WAITLISTED',
        reason: 'QUEUE_AHEAD',
        guarantee: '700.00',
        ahead: 1,
      });
    });

    it('paid out once capital arrives: principal, fee, payout, no grant asked', async () => {
      await staff.addGuaranteeCapital('10000.00', 'BN-TL-10000');
      await staff.waitForStatus(big, 'disbursed');
      // Fee 1.5 % × 8,750.00 = 131.25; payout 12,500.00 − 131.25 = 12,368.75.
      expect(await last(big)).toEqual({
        status: 'disbursed',
        at: expect.any(String),
        by: 'system',
        byName: null,
        note: 'Paid out S/ 12368.75 on 2026-04-10: loan S/ 12500.00 less guarantee fee S/ 131.25',
        noteBySystem: true,
        detail: {
          code: 'DISBURSED',
          disbursedOn: '2026-04-10',
          principal: '12500.00',
          guaranteeFee: '131.25',
          grant: '0.00',
          payout: '12368.75',
          grantRequested: '0.00',
          grantRefusal: null,
        },
      });
      await staff.waitForStatus(small, 'disbursed');
    });
  });

  describe('grants: paid, refused at the per-enterprise cap, refused for want of budget', () => {
    const family = newDocumentId();

    const payOut = async (documentId: string, grantRequested: string) => {
      const id = await register({
        enterprise: { documentId },
        request: { innovation: { description: 'Ordeño', cost: '7500.00', grantRequested } },
      });
      await staff.approve(id);
      await staff.waitForStatus(id, 'disbursed');
      return { id, detail: (await last(id)).detail };
    };

    it('pays a grant of 3,000.00 with its loan', async () => {
      // 6,000.00 − fee 63.00 (1.5 % × 70 % × 6,000.00) + grant 3,000.00 = 8,937.00.
      expect((await payOut(family, '3000.00')).detail).toEqual({
        code: 'DISBURSED',
        disbursedOn: '2026-04-10',
        principal: '6000.00',
        guaranteeFee: '63.00',
        grant: '3000.00',
        payout: '8937.00',
        grantRequested: '3000.00',
        grantRefusal: null,
      });
    });

    it('refuses the same family 3,000.00 more: at most 5,000.00 each, 2,000.00 remain', async () => {
      expect((await payOut(family, '3000.00')).detail).toEqual({
        code: 'DISBURSED',
        disbursedOn: '2026-04-10',
        principal: '6000.00',
        guaranteeFee: '63.00',
        grant: '0.00',
        payout: '5937.00',
        grantRequested: '3000.00',
        grantRefusal: {
          code: 'GRANT_ENTERPRISE_LIMIT',
          requested: '3000.00',
          limit: '5000.00',
          remaining: '2000.00',
        },
      });
    });

    it('refuses another family 1,500.00 when 500.00 of budget is left', async () => {
      const { id, detail } = await payOut(newDocumentId(), '1500.00');
      expect(detail).toMatchObject({
        grant: '0.00',
        payout: '5937.00',
        grantRequested: '1500.00',
        grantRefusal: { code: 'GRANT_BUDGET_EXHAUSTED', requested: '1500.00', available: '500.00' },
      });
      // loan.disbursed carried the refusal coded, next to its English text.
      const [event] = await system.query<{ envelope: { payload: Record<string, unknown> } }>(
        `SELECT envelope FROM disbursement.outbox
         WHERE type = 'loan.disbursed' AND envelope->'payload'->>'applicationId' = $1`,
        [id],
      );
      expect(event.envelope.payload).toMatchObject({
        grantRefusal: expect.stringMatching(/innovation fund has 500.00 of budget left/),
        grantRefusalDetail: {
          code: 'GRANT_BUDGET_EXHAUSTED',
          requested: '1500.00',
          available: '500.00',
        },
      });
    });
  });

  it("a family reads its own timeline with its officer's name", async () => {
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', applicationBody({ enterprise: { documentId: newDocumentId() } }))
      .expect(201);
    expect(created.timeline).toEqual([
      expect.objectContaining({ status: 'submitted', byName: 'Rosa Huamán', detail: null }),
    ]);
    await staff.waitForStatus(created.id, 'in_review');
    const { body: token } = await system
      .http()
      .post('/api/auth/enterprise')
      .send({ reference: created.reference, pin: created.pin })
      .expect(200);
    const mine = await eventually(async () => {
      const response = await system
        .http()
        .get('/api/me/applications')
        .set('Authorization', `Bearer ${token.accessToken}`)
        .expect(200);
      return response.body;
    });
    expect(
      mine[0].timeline.map((e: Entry) => [e.status, e.byName, e.detail?.code ?? null]),
    ).toEqual([
      ['submitted', 'Rosa Huamán', null],
      ['in_review', null, 'SCORED'],
    ]);
  });
});
