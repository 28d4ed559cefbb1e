import { SERVICE_NAMES } from '@qollqa/config';
import { Decimal, formatMoney, roundMoney } from '@qollqa/money';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { crashWhileHandling, newestEventId } from '../support/crash-harness';
import { eventually } from '../support/eventually';
import { rebuildPortfolioFromStream } from '../support/rebuild-portfolio';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

interface LoanView {
  id: string;
  status: string;
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: string;
  moratoryInterestDue: string;
  schedule: {
    dueDate: string;
    principal: string;
    interest: string;
    paidPrincipal: string;
    paidInterest: string;
    installment: string;
  }[];
}

/**
 * An event redelivered after a crash must never overwrite newer state, and an event that overtakes
 * its loan's first event must never be lost. Each case freezes one consumer in the handler of event A
 * before its commit, makes B happen, kills the consumer there and starts it again: B is handled
 * first, A last (checked in the consumer's inbox). Every view must then agree with the loans, the
 * dead-letter stream stay empty and the reconciliation find nothing.
 */
describe('Events handled out of order after a crash', () => {
  let system: TestSystem;
  let staff: StaffClient;
  /** The dairy loan of the disbursement case, claimed in the last case. */
  let dairyLoan = '';
  const as = (role: 'officer' | 'manager' | 'admin') => staff.as(role);
  const loan = async (id: string): Promise<LoanView> =>
    (await as('officer').get(`/api/loans/${id}`).expect(200)).body;
  const closeTo = (date: string) =>
    as('admin').post('/api/admin/close-of-business', { date }).expect(200);
  const repay = (id: string, amount: string, paidOn: string, externalRef: string) =>
    as('officer').post(`/api/loans/${id}/repayments`, { amount, paidOn, externalRef }).expect(201);
  const family = (
    enterprise: Record<string, unknown> = {},
    request: Record<string, unknown> = {},
  ) => applicationBody({ enterprise: { documentId: newDocumentId(), ...enterprise }, request });
  const newestRepayment = (loanId: string) =>
    newestEventId(system, 'repayment', 'loan.repayment_recorded', 'loanId', loanId);
  const isEventOf =
    (type: string, loanId: () => string) => (event: { type: string; aggregateId: string }) =>
      event.type === type && event.aggregateId === loanId();

  /** Every loan the API lists, with its schedule. */
  async function allLoans(): Promise<LoanView[]> {
    const listed = (await as('officer').get('/api/loans?pageSize=100').expect(200)).body;
    return Promise.all(listed.items.map((item: { id: string }) => loan(item.id)));
  }

  /** Coverage 0.70 × outstanding principal, per loan, while its guarantee is active. */
  const expectedExposure = (l: LoanView) =>
    l.status === 'active'
      ? roundMoney(new Decimal(l.outstandingPrincipal).mul('0.70'))
      : new Decimal(0);

  /** The guarantee fund's exposure, per loan and in total, is coverage × each loan's outstanding. */
  async function expectExposureFollowsLoans(): Promise<void> {
    const loans = await allLoans();
    for (const l of loans) {
      const [row] = await system.query<{ exposure: string; outstanding_principal: string }>(
        'SELECT exposure, outstanding_principal FROM disbursement.disbursement WHERE loan_id = $1',
        [l.id],
      );
      expect({ loan: l.id, ...row }).toEqual({
        loan: l.id,
        exposure: formatMoney(expectedExposure(l)),
        outstanding_principal: l.outstandingPrincipal,
      });
    }
    const total = loans.reduce((sum, l) => sum.plus(expectedExposure(l)), new Decimal(0));
    expect((await staff.funds()).guarantee.exposure).toBe(formatMoney(total));
  }

  /** The PARn a loan counts in (API.md: DPD > n), the days the read model follows. */
  const parBand = (daysPastDue: number) => [1, 30, 90].filter((n) => daysPastDue > n).length;

  /** The portfolio holds each loan as the loan account does, and its gross is theirs. */
  async function expectPortfolioFollowsLoans(): Promise<void> {
    const loans = await allLoans();
    const rows = await system.query<{ id: string; daysPastDue: number }>(
      `SELECT loan_id AS id, status, outstanding AS "outstandingPrincipal", days_past_due AS "daysPastDue",
         classification FROM portfolio.portfolio_loan WHERE disbursed_seen ORDER BY loan_id`,
    );
    expect(rows.map(({ daysPastDue, ...row }) => ({ ...row, par: parBand(daysPastDue) }))).toEqual(
      loans
        .map(({ id, status, outstandingPrincipal, daysPastDue, classification }) => ({
          id,
          status,
          outstandingPrincipal,
          classification,
          par: parBand(daysPastDue),
        }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    );
    const gross = loans
      .filter((l) => ['active', 'claimed'].includes(l.status))
      .reduce((sum, l) => sum.plus(l.outstandingPrincipal), new Decimal(0));
    const summary = (await as('manager').get('/api/portfolio/summary').expect(200)).body;
    expect(summary.grossPortfolio).toBe(formatMoney(gross));
  }

  /** Nothing dead-lettered, and every derived figure agrees with its source. */
  async function expectNothingLostOrWrong(): Promise<void> {
    expect(await system.deadLetters()).toBe(0);
    expect(await reconcile(system.databaseUrl)).toEqual([]);
  }

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-10';
    system = await TestSystem.start({
      services: [...SERVICE_NAMES],
      label: 'ordering',
      ackWaitMs: 5000,
    });
    staff = await StaffClient.signIn(system);
    await staff.addInnovationBudget('50000.00', 'MINAGRI-ORDER');
    // Little capital: the first approval (0.70 × 6000.00 = 4200.00 > 4 × 1000.00) must wait.
    await staff.addGuaranteeCapital('1000.00', 'BN-ORDER-1');
  });
  afterAll(() => system?.close());

  it('applications: a waitlisting redelivered after the payout leaves the application disbursed', async () => {
    const applicationId = await staff.registerScored(family());
    await crashWhileHandling(system, {
      service: 'applications',
      a: (event) => event.type === 'loan.waitlisted',
      produceA: () => staff.approve(applicationId),
      whileHeld: async () => {
        // Capital arrives and the waitlist pays the loan out: loan.disbursed, newer than A.
        await staff.addGuaranteeCapital('100000.00', 'BN-ORDER-2');
        return eventually(() =>
          newestEventId(system, 'disbursement', 'loan.disbursed', 'applicationId', applicationId),
        );
      },
    });
    const application = await staff.application(applicationId);
    expect(application.status).toBe('disbursed');
    expect(application.timeline.at(-1)).toMatchObject({ status: 'disbursed', by: 'system' });
    expect((await loan(application.loanId)).status).toBe('active');
    await expectNothingLostOrWrong();
  });

  it("disbursement: the loan's and the fund's exposure follow the newest repayment", async () => {
    const loanId = (dairyLoan = await staff.payOut(family()));
    await closeTo('2026-02-10');
    const first = (await loan(loanId)).schedule[0];
    await crashWhileHandling(system, {
      service: 'disbursement',
      a: isEventOf('loan.repayment_recorded', () => loanId),
      produceA: () =>
        repay(loanId, first.installment, '2026-02-10', 'RCPT-ORDER-A').then(() => undefined),
      whileHeld: async () => {
        await repay(loanId, '1000.00', '2026-02-10', 'RCPT-ORDER-B');
        return newestRepayment(loanId);
      },
    });
    // Installment 379.03 = interest 6000.00 × i (i = 1.18^(1/12) − 1) = 83.33 + principal 295.70;
    // 6000.00 − 295.70 = 5704.30 after A, − 1000.00 prepaid = 4704.30 after B.
    expect((await loan(loanId)).outstandingPrincipal).toBe('4704.30');
    const [row] = await system.query<{ exposure: string }>(
      'SELECT exposure FROM disbursement.disbursement WHERE loan_id = $1',
      [loanId],
    );
    expect(row.exposure).toBe('3293.01'); // 0.70 × 4704.30 = 3293.010, not 0.70 × 5704.30 = 3993.01
    await expectExposureFollowsLoans();
    // Both repayments are in the books once: the pool got 295.70 + 1000.00 of this loan's principal.
    const [posted] = await system.query<{ count: string }>(
      `SELECT count(*) FROM disbursement.ledger_transaction WHERE kind = 'repayment' AND description LIKE $1`,
      [`%RCPT-ORDER-%${loanId}`],
    );
    expect(posted.count).toBe('2');
    await expectNothingLostOrWrong();
  });

  it('portfolio: an older repayment redelivered late does not overwrite the newer outstanding', async () => {
    const loanId = await staff.payOut(
      family(
        { valueChain: 'guinea_pig', municipality: 'Ccatca', womenLed: false },
        {
          amount: '3000.00',
          termMonths: 12,
          innovation: undefined,
        },
      ),
    );
    await crashWhileHandling(system, {
      service: 'portfolio',
      a: isEventOf('loan.repayment_recorded', () => loanId),
      produceA: () => repay(loanId, '500.00', '2026-02-10', 'RCPT-ORDER-C').then(() => undefined),
      whileHeld: async () => {
        await repay(loanId, '700.00', '2026-02-10', 'RCPT-ORDER-D');
        return newestRepayment(loanId);
      },
    });
    // Both prepaid on the day of the payout: 3000.00 − 500.00 − 700.00 = 1800.00.
    expect((await loan(loanId)).outstandingPrincipal).toBe('1800.00');
    await expectPortfolioFollowsLoans();
    await expectNothingLostOrWrong();
  });

  it("portfolio: a repayment handled before its loan's loan.disbursed waits for it, and is not dead-lettered", async () => {
    let loanId = '';
    await crashWhileHandling(system, {
      service: 'portfolio',
      a: (event) => event.type === 'loan.disbursed',
      produceA: async () => {
        loanId = await staff.payOut(
          family(
            { valueChain: 'mushroom', municipality: 'Ccatca' },
            {
              amount: '2000.00',
              termMonths: 6,
              innovation: undefined,
            },
          ),
        );
      },
      whileHeld: async () => {
        await repay(loanId, '300.00', '2026-02-10', 'RCPT-ORDER-E');
        return newestRepayment(loanId);
      },
    });
    expect((await loan(loanId)).outstandingPrincipal).toBe('1700.00'); // 2000.00 − 300.00
    await expectPortfolioFollowsLoans();
    await expectNothingLostOrWrong();
  });

  it('portfolio: a delinquency redelivered after the repayment that cured it leaves the loan normal', async () => {
    const loanId = await staff.payOut(family());
    await crashWhileHandling(system, {
      service: 'portfolio',
      a: isEventOf('loan.delinquency_changed', () => loanId),
      // Due 2026-03-10, unpaid at the close of 2026-03-19: 9 days past due, CPP.
      produceA: () => closeTo('2026-03-19').then(() => undefined),
      whileHeld: async () => {
        const late = await loan(loanId);
        expect(late).toMatchObject({ daysPastDue: 9, classification: 'cpp' });
        const owed = new Decimal(late.schedule[0].installment).plus(late.moratoryInterestDue);
        await repay(loanId, formatMoney(owed), '2026-03-19', 'RCPT-ORDER-F');
        return newestRepayment(loanId);
      },
    });
    expect(await loan(loanId)).toMatchObject({ daysPastDue: 0, classification: 'normal' });
    await expectPortfolioFollowsLoans();
    await expectExposureFollowsLoans();
    await expectNothingLostOrWrong();
  });

  it("credit-scoring: arrears redelivered after the loan's payoff still count in the family's history", async () => {
    const body = family(
      { valueChain: 'restaurant', municipality: 'Andahuaylillas' },
      {
        amount: '1500.00',
        termMonths: 6,
        innovation: undefined,
      },
    );
    const loanId = await staff.payOut(body);
    // Paid out on 2026-03-19, first due 2026-04-19: 30 days past due at the close of 2026-05-19.
    await closeTo('2026-05-19');
    await crashWhileHandling(system, {
      service: 'credit-scoring',
      a: isEventOf('loan.delinquency_changed', () => loanId),
      produceA: () => closeTo('2026-05-20').then(() => undefined), // 31 days: Deficiente
      whileHeld: async () => {
        const late = await loan(loanId);
        expect(late).toMatchObject({ daysPastDue: 31, classification: 'deficiente' });
        // Everything owed on 2026-05-20: moratory interest, the due installments' principal and
        // interest, and the principal of those not yet due.
        const payoff = late.schedule.reduce(
          (sum, line) =>
            sum
              .plus(line.principal)
              .minus(line.paidPrincipal)
              .plus(
                line.dueDate <= '2026-05-20'
                  ? new Decimal(line.interest).minus(line.paidInterest)
                  : 0,
              ),
          new Decimal(late.moratoryInterestDue),
        );
        await repay(loanId, formatMoney(payoff), '2026-05-20', 'RCPT-ORDER-G');
        return newestEventId(system, 'repayment', 'loan.repaid', 'loanId', loanId);
      },
    });
    expect((await loan(loanId)).status).toBe('repaid');
    // The family's next application is scored with its arrears: more than 30 days past due once.
    const next = await staff.registerScored({
      ...body,
      request: { ...body.request, amount: '1000.00' },
    });
    expect((await staff.application(next)).score.reasons).toContain('PAST_ARREARS');
    await expectNothingLostOrWrong();
  });

  it('disbursement: a repayment after the claim, handled before the claim, still repays the fund its share', async () => {
    // Installment 2 (due 2026-03-10) unpaid: 90 days past due at the close of 2026-06-08.
    await crashWhileHandling(system, {
      service: 'disbursement',
      a: isEventOf('loan.claimed', () => dairyLoan),
      produceA: () => closeTo('2026-06-08').then(() => undefined),
      whileHeld: async () => {
        expect(await loan(dairyLoan)).toMatchObject({ status: 'claimed', daysPastDue: 90 });
        await repay(dairyLoan, '400.00', '2026-06-08', 'RCPT-ORDER-H');
        return newestRepayment(dairyLoan);
      },
    });
    const [row] = await system.query(
      `SELECT guarantee_status, exposure, claim_paid, recovery_entitled, recovered
       FROM disbursement.disbursement WHERE loan_id = $1`,
      [dairyLoan],
    );
    expect(row).toEqual({
      guarantee_status: 'claimed',
      exposure: '0.00',
      claim_paid: '3293.01', // 0.70 × 4704.30 outstanding at the claim
      recovery_entitled: '280.00', // 0.70 × 400.00 paid after it
      recovered: '280.00', // all of it: far below the claim
    });
    await expectExposureFollowsLoans();
    await expectNothingLostOrWrong();
  });

  it('portfolio: a reprogramming redelivered after the next repayment still counts the loan as reprogrammed', async () => {
    const loanId = await staff.payOut(family({ municipality: 'Anta' }));
    await crashWhileHandling(system, {
      service: 'portfolio',
      a: isEventOf('loan.reprogrammed', () => loanId),
      produceA: () =>
        as('manager')
          .post(`/api/loans/${loanId}/reprogramming`, {
            reason: 'climate_event',
            note: 'Helada',
            extensionMonths: 2,
            graceMonths: 1,
          })
          .expect(200)
          .then(() => undefined),
      whileHeld: async () => {
        await repay(loanId, '200.00', '2026-06-08', 'RCPT-ORDER-I');
        return newestRepayment(loanId);
      },
    });
    const [row] = await system.query<{ reprogrammed: boolean; outstanding: string }>(
      'SELECT reprogrammed, outstanding FROM portfolio.portfolio_loan WHERE loan_id = $1',
      [loanId],
    );
    expect(row).toEqual({ reprogrammed: true, outstanding: '5800.00' });
    const summary = (await as('manager').get('/api/portfolio/summary').expect(200)).body;
    expect(summary.reprogrammed).toEqual({ loans: 1, outstanding: '5800.00' });
    await expectPortfolioFollowsLoans();
    await expectNothingLostOrWrong();
  });

  it('portfolio: a replay of the stream from its start gives the figures the live run, redeliveries and all, gave', async () => {
    await system.settle();
    const live = (await as('manager').get('/api/portfolio/summary').expect(200)).body;
    expect(await rebuildPortfolioFromStream(system)).toEqual(live);
    await expectPortfolioFollowsLoans();
    await expectNothingLostOrWrong();
  });
});
