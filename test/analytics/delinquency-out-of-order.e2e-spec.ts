import { LoanEvents } from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { businessDayClosed } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { envelope, publishEvents } from '../support/publish-event';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/**
 * The disbursement service learns a loan's class from loan.delinquency_changed, under the ordering
 * rule of every loan event it handles: the loan's state only from a newer event, the deltas once. Here
 * the repayment service is stood in for: a delinquency crossing (version 3) arrives before the
 * repayment (version 2) it came after, as a redelivery after a crash would order them.
 */
describe('Disbursement: a delinquency crossing before the repayment it followed', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let loanId = '';
  let waiting = '';

  const inboxHas = (eventId: string) =>
    eventually(async () => {
      const rows = await system.query(
        'SELECT 1 FROM disbursement.inbox WHERE consumer = $1 AND event_id = $2',
        ['disbursement', eventId],
      );
      expect(rows).toHaveLength(1);
    });
  const state = (outstandingPrincipal: string, daysPastDue: number, classification: string) => ({
    status: 'active',
    outstandingPrincipal,
    daysPastDue,
    classification,
    claimed: false,
  });
  const approve = async (amount: string) => {
    const id = await staff.registerScored(
      applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: { amount, innovation: undefined },
      }),
    );
    await staff.approve(id);
    return id;
  };

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement'],
      label: 'delinquency_order',
    });
    await publishEvents(system, [businessDayClosed('2026-03-02')]);
    staff = await StaffClient.signIn(system);
    // Capital 1100.00: the first loan's guarantee (4200.00) fits; with its fee the fund has 1163.00,
    // room for 4 × 1163.00 = 4652.00 of exposure: the second loan's 700.00 more does not fit.
    await staff.addGuaranteeCapital('1100.00', 'BN-ORDER');
    ({ loanId } = await staff.waitForStatus(await approve('6000.00'), 'disbursed'));
    waiting = await approve('1000.00');
    await staff.waitForStatus(waiting, 'waitlisted');
  });
  afterAll(() => system?.close());

  it('takes the newer state from the crossing, and with it the capacity it frees', async () => {
    const [{ enterprise_id: enterpriseId }] = await system.query<{ enterprise_id: string }>(
      'SELECT enterprise_id FROM disbursement.disbursement WHERE loan_id = $1',
      [loanId],
    );
    const crossing = envelope(
      LoanEvents.DelinquencyChanged,
      loanId,
      {
        loanId,
        enterpriseId,
        businessDate: '2026-04-12',
        daysPastDue: 10,
        classification: 'cpp',
        previousClassification: 'normal',
        outstandingPrincipal: '5000.00',
        loan: state('5000.00', 10, 'cpp'),
      },
      3,
    );
    await publishEvents(system, [crossing]);
    await inboxHas(crossing.id);
    // 0.70 × 5000.00 = 3500.00: now 3500.00 + 700.00 ≤ 4652.00, and the waiting loan is paid out.
    await staff.waitForStatus(waiting, 'disbursed');
    expect((await staff.funds()).guarantee.exposure).toBe('4200.00');

    const repayment = envelope(
      LoanEvents.RepaymentRecorded,
      loanId,
      {
        repaymentId: randomUUID(),
        loanId,
        enterpriseId,
        externalRef: 'RCPT-ORDER-1',
        amount: '1079.03',
        paidOn: '2026-04-02',
        allocated: {
          moratoryInterest: '0.00',
          interest: '79.03',
          principal: '1000.00',
          prepayment: '0.00',
        },
        loanStatus: 'active',
        outstandingPrincipal: '5000.00',
        loan: state('5000.00', 0, 'normal'),
      },
      2,
    );
    await publishEvents(system, [repayment]);
    await inboxHas(repayment.id);

    // The repayment's delta is posted once; its state (older) replaces nothing.
    const funds = await staff.funds();
    expect(funds.lendingPool).toMatchObject({ repaidPrincipal: '1000.00', outstanding: '6000.00' });
    expect(funds.guarantee.exposure).toBe('4200.00');
    const stress = (await staff.as('manager').get('/api/funds/guarantee/stress').expect(200)).body;
    expect(stress.byClassification.cpp).toEqual({
      loans: 1,
      guaranteed: '3500.00',
      rate: '0.05',
      projectedClaims: '175.00',
    });
    expect(stress.byClassification.normal).toMatchObject({ loans: 1, guaranteed: '700.00' });
    const analytics = (await staff.as('manager').get('/api/funds/guarantee/analytics').expect(200))
      .body;
    expect(analytics).toMatchObject({
      asOf: '2026-03-02',
      guaranteesIssued: { count: 2, amount: '4900.00' },
      vintages: [
        {
          month: '2026-03',
          loans: 2,
          principal: '7000.00',
          outstanding: '6000.00',
          par30: '0.0000',
          claimed: 0,
        },
      ],
    });
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
    expect(await system.deadLetters()).toBe(0);
  });
});
