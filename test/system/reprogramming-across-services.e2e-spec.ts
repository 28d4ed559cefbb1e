import { SERVICE_NAMES } from '@qollqa/config';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/**
 * Cost disclosure and reprogramming across every service, through the public API: API.md's example
 * application (PEN 6,000.00 over 18 months at TEA 18 %, guarantee fee 63.00 = 1.5 % of 70 %) is
 * quoted and paid out with its TCEA; a loan with grace too; a frost reprograms the example family's
 * loan, and its timeline says so in the family's own view. Everything reconciles at the end.
 */
describe('Cost disclosure and reprogramming across services', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let example: { applicationId: string; loanId: string; reference: string; pin: string };
  let withGrace: string;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    system = await TestSystem.start({ services: [...SERVICE_NAMES], label: 'reprogramming_sys' });
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('100000.00', 'BN-REPRO');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-REPRO');
  });
  afterAll(() => system?.close());

  it("quotes API.md's example application at TCEA 0.1965 and pays it out with that TCEA", async () => {
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', applicationBody())
      .expect(201);
    const scored = await staff.waitForStatus(created.id, 'in_review');
    // 5937.00 received against 18 × 379.03: (1 + r)^12 − 1 with Σ 379.03 (1 + r)^−k = 5937.00.
    expect(scored.score).toMatchObject({ installment: '379.03', tcea: '0.1965' });
    await staff.approve(created.id);
    const { loanId } = await staff.waitForStatus(created.id, 'disbursed');
    const loan = await eventually(
      async () => (await staff.as('officer').get(`/api/loans/${loanId}`).expect(200)).body,
    );
    expect(loan).toMatchObject({
      principal: '6000.00',
      termMonths: 18,
      guaranteeFee: '63.00',
      grant: '3000.00', // a gift: not part of the cost
      tcea: '0.1965',
      reprogrammed: false,
    });
    example = { applicationId: created.id, loanId, reference: created.reference, pin: created.pin };
  });

  it('a loan with two months of grace: interest only first, TCEA 0.1951', async () => {
    const body = applicationBody({
      enterprise: { documentId: newDocumentId(), municipality: 'Ccatca' },
      request: { graceMonths: 2, innovation: undefined },
    });
    const id = await staff.registerScored(body);
    expect((await staff.application(id)).score.tcea).toBe('0.1951');
    await staff.approve(id);
    withGrace = (await staff.waitForStatus(id, 'disbursed')).loanId;
    const loan = await eventually(
      async () => (await staff.as('officer').get(`/api/loans/${withGrace}`).expect(200)).body,
    );
    expect(loan.schedule.slice(0, 3).map((l: { installment: string }) => l.installment)).toEqual([
      '83.33',
      '83.33',
      '420.79',
    ]);
    expect(loan).toMatchObject({ guaranteeFee: '63.00', tcea: '0.1951' });
  });

  it("a frost: the family's timeline says its loan was reprogrammed, why, and what it pays next", async () => {
    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-04-10' })
      .expect(200);
    const { body: declared } = await staff
      .as('manager')
      .post('/api/emergencies', {
        name: 'Heladas de abril en Ocongate',
        declaredOn: '2026-04-08',
        municipalities: ['Ocongate'],
        reason: 'climate_event',
        extensionMonths: 3,
        graceMonths: 2,
      })
      .expect(201);
    expect(declared.reprogrammed).toEqual([example.loanId]);
    const loan = (await staff.as('officer').get(`/api/loans/${example.loanId}`).expect(200)).body;
    // Installment 1 (2026-04-02) unpaid: 8 days past due, still normal; its TCEA is the one at
    // disbursement.
    expect(loan).toMatchObject({
      daysPastDue: 0,
      classification: 'normal',
      tcea: '0.1965',
      reprogrammings: [expect.objectContaining({ daysPastDue: 8, classificationKept: 'normal' })],
      nextInstallment: { number: 19, dueDate: '2026-05-02', amountDue: '83.33' },
    });

    const { body: session } = await system
      .http()
      .post('/api/auth/enterprise')
      .send({ reference: example.reference, pin: example.pin })
      .expect(200);
    const entry = await eventually(async () => {
      const { body: mine } = await system
        .http()
        .get('/api/me/applications')
        .set('Authorization', `Bearer ${session.accessToken}`)
        .expect(200);
      const timeline = mine[0].timeline as { detail: { code: string } | null }[];
      const found = timeline.find((step) => step.detail?.code === 'REPROGRAMMED');
      expect(found).toBeDefined();
      return found;
    });
    expect(entry).toMatchObject({
      status: 'disbursed',
      by: 'manager',
      note: 'Heladas de abril en Ocongate',
      noteBySystem: false,
      detail: {
        code: 'REPROGRAMMED',
        reason: 'climate_event',
        extensionMonths: 3,
        graceMonths: 2,
        nextDueDate: '2026-05-02',
        nextInstallment: '83.33',
      },
    });
  });

  it('reconciles: the portfolio, the funds, the credit history and the timelines agree with the loans', async () => {
    await eventually(async () => {
      const { body } = await staff.as('manager').get('/api/portfolio/summary').expect(200);
      expect(body.reprogrammed).toEqual({ loans: 1, outstanding: '6000.00' });
    });
    // The guarantee continues on the outstanding principal: 0.70 × 6000.00 for each loan.
    const funds = await staff.funds();
    expect(funds.guarantee.exposure).toBe('8400.00');
    await system.settle();
    expect(await reconcile(system.databaseUrl)).toEqual([]);
    expect(await system.deadLetters()).toBe(0);
  });
});
