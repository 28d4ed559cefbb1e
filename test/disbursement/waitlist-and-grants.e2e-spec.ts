import { applicationBody, newDocumentId } from '../support/application-factory';
import { businessDayClosed } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { publishEvents } from '../support/publish-event';
import { TestSystem } from '../support/test-system';

/** What families and managers see when a fund is short: a waitlist in order, a grant refused with its reason. */
describe('Disbursement: waitlist and innovation budget', () => {
  let system: TestSystem;
  let staff: StaffClient;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement'],
      label: 'waitlist',
    });
    await publishEvents(system, [businessDayClosed('2026-04-10')]);
    staff = await StaffClient.signIn(system);
    // Capital 1000.00 → room for 4000.00 of exposure; budget 1000.00.
    await staff.addGuaranteeCapital('1000.00', 'BN-1000');
    await staff.addInnovationBudget('1000.00', 'MINAGRI-1000');
  });
  afterAll(() => system?.close());

  const get = (id: string) => staff.application(id);

  async function approve(amount: string, grantRequested = '0.00') {
    const id = await staff.registerScored(
      applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: {
          amount,
          innovation: { description: 'Cheese press', cost: '10000.00', grantRequested },
        },
        cashflow: { monthlyRevenue: '9000.00' },
      }),
    );
    await staff.approve(id);
    return id;
  }

  it('waitlists approvals the fund cannot take, and pays them in order as capital arrives', async () => {
    const big = await approve('6000.00'); // exposure 4200.00 > 4000.00: waits
    const small = await approve('1000.00'); // 700.00 would fit, but it may not jump the queue
    await eventually(async () => {
      expect((await get(big)).status).toBe('waitlisted');
      expect((await get(small)).status).toBe('waitlisted');
    });
    expect((await get(big)).timeline.at(-1).note).toMatch(/leverage limit/);

    // +100.00: room 4 × 1100.00 = 4400.00 ≥ 4200.00 for the first; not for the second as well (4900.00).
    await staff.addGuaranteeCapital('100.00', 'BN-100');
    await eventually(async () => expect((await get(big)).status).toBe('disbursed'));
    expect((await get(small)).status).toBe('waitlisted');

    // The first loan's fee (1.5 % × 4200.00 = 63.00) adds capital too: 4 × (1163.00 + 200.00) = 5452.00 ≥ 4900.00.
    await staff.addGuaranteeCapital('200.00', 'BN-200');
    await eventually(async () => expect((await get(small)).status).toBe('disbursed'));
    const statuses = (await get(small)).timeline.map((t: { status: string }) => t.status);
    expect(statuses).toEqual(['submitted', 'in_review', 'approved', 'waitlisted', 'disbursed']);
  });

  it('refuses a grant beyond the remaining budget with its reason, and pays the loan without it', async () => {
    await staff.addGuaranteeCapital('50000.00', 'BN-50000');
    const id = await approve('2000.00', '1500.00');
    const disbursed = await eventually(async () => {
      const application = await get(id);
      expect(application.status).toBe('disbursed');
      return application;
    });
    expect(disbursed.timeline.at(-1).note).toMatch(
      /Grant of 1500.00 refused: the innovation fund has 1000.00 of budget left/,
    );
    const funds = await staff.funds();
    expect(funds.innovation).toEqual({
      budget: '1000.00',
      committed: '0.00',
      disbursed: '0.00',
      available: '1000.00',
    });

    // A grant that fits is committed and paid with its loan.
    const withGrant = await approve('2000.00', '800.00');
    await eventually(async () => expect((await get(withGrant)).status).toBe('disbursed'));
    const after = await staff.funds();
    expect(after.innovation).toEqual({
      budget: '1000.00',
      committed: '0.00',
      disbursed: '800.00',
      available: '200.00',
    });
  });
});
