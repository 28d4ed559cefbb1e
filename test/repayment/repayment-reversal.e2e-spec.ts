import { SERVICE_NAMES } from '@qollqa/config';
import { EventEnvelope } from '@qollqa/contracts';
import { Decimal, formatMoney, roundMoney } from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { crashWhileHandling, newestEventId } from '../support/crash-harness';
import { eventually } from '../support/eventually';
import { publishEvents } from '../support/publish-event';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

interface ScheduleLine {
  number: number;
  dueDate: string;
  principal: string;
  interest: string;
  paidPrincipal: string;
  paidInterest: string;
}
interface Loan {
  id: string;
  status: string;
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: string;
  moratoryInterestDue: string;
  repaidOn: string | null;
  enterprise: { id: string };
  schedule: ScheduleLine[];
}
interface Family {
  loanId: string;
  reference: string;
  pin: string;
}

/**
 * Reversing a repayment recorded by mistake, every service running. Each family borrows PEN 1,000.00
 * at TEA 18 % over 3 months, paid out on 2026-01-15 (70 % coverage: exposure 700.00, fee 10.50):
 *   1  2026-02-15  principal 328.74  interest 13.89  installment 342.63
 *   2  2026-03-15  principal 333.31  interest  9.32  installment 342.63
 *   3  2026-04-15  principal 337.95  interest  4.69  installment 342.64
 * A reversal must leave the loan exactly as GET /api/loans/{id} showed it before the repayment, and the
 * funds, the portfolio and the credit history as they were, once, whatever is delivered again.
 */
describe('Reversing a repayment', () => {
  let system: TestSystem;
  let staff: StaffClient;
  const families: Record<'late' | 'payoff' | 'prepaid' | 'refusals', Family> = {} as never;

  const as = (role: 'officer' | 'manager' | 'admin') => staff.as(role);
  const withToken = (token: string) => ({
    get: (path: string) => system.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      system.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const loan = async (id: string): Promise<Loan> =>
    (await as('officer').get(`/api/loans/${id}`).expect(200)).body;
  const closeTo = (date: string) =>
    as('admin').post('/api/admin/close-of-business', { date }).expect(200);
  const repay = async (id: string, amount: string, paidOn: string, externalRef: string) =>
    (
      await as('officer')
        .post(`/api/loans/${id}/repayments`, { amount, paidOn, externalRef })
        .expect(201)
    ).body;
  const reversal = (loanId: string, repaymentId: string, role: 'officer' | 'manager' | 'admin') =>
    as(role).post(`/api/loans/${loanId}/repayments/${repaymentId}/reversal`, {
      reason: 'Receipt typed with the wrong amount',
    });
  const reverse = async (loanId: string, repaymentId: string) =>
    (await reversal(loanId, repaymentId, 'manager').expect(200)).body;
  const repayments = async (loanId: string) =>
    (await as('officer').get(`/api/loans/${loanId}/repayments`).expect(200)).body;

  /** What the fund manager and the families see, once every event has arrived. */
  async function views() {
    await system.settle();
    const [funds, summary] = await Promise.all([
      staff.funds(),
      as('manager')
        .get('/api/portfolio/summary')
        .expect(200)
        .then((r) => r.body),
    ]);
    // What the scorecard reads of each family: loans repaid, arrears over 30 days. (The worst DPD
    // itself is as of the last threshold crossing: a repayment's crossing may raise it, truthfully.)
    // A family with neither shows as one with no history (a row of zeros is no history either).
    const history = await system.query(
      `SELECT enterprise_id, loans_repaid, max_days_past_due > 30 AS arrears
       FROM credit_scoring.credit_history WHERE loans_repaid > 0 OR max_days_past_due > 30
       ORDER BY enterprise_id`,
    );
    // Loans of equal outstanding tie for the largest: which one is named is not a figure.
    delete summary.concentration.largestLoan?.loanId;
    return { funds, summary, history };
  }

  async function loansRepaidOf(enterpriseId: string): Promise<number> {
    const [row] = await system.query<{ loans_repaid: number }>(
      'SELECT loans_repaid FROM credit_scoring.credit_history WHERE enterprise_id = $1',
      [enterpriseId],
    );
    return row?.loans_repaid ?? 0;
  }

  /** The ledger's lines of a transaction, by account: { account: "Dr 342.63" | "Cr 328.74" }. */
  async function postedLines(key: string): Promise<Record<string, string>> {
    const rows = await system.query<{ account_code: string; debit: string; credit: string }>(
      `SELECT e.account_code, e.debit::text, e.credit::text FROM disbursement.ledger_entry e
       JOIN disbursement.ledger_transaction t ON t.id = e.transaction_id WHERE t.key = $1`,
      [key],
    );
    return Object.fromEntries(
      rows.map((r) => [r.account_code, r.debit !== '0.00' ? `Dr ${r.debit}` : `Cr ${r.credit}`]),
    );
  }

  /**
   * A refusal in the contract's error shape, with the repayment service's code once the gateway
   * passes the services' codes on (API.md's `code`; that part of the error shape is built apart).
   */
  function expectRefused(
    response: { status: number; body: { statusCode: number; code?: string } },
    status: number,
    code: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.body.statusCode).toBe(status);
    if (response.body.code !== undefined) expect(response.body.code).toBe(code);
  }

  /** Nothing dead-lettered, the books balance, and every view agrees with its source. */
  async function expectBooksAgree(): Promise<void> {
    await system.settle();
    expect(await system.deadLetters()).toBe(0);
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
    expect(await reconcile(system.databaseUrl)).toEqual([]);
  }

  /** A family registers, is approved and paid out; its reference and PIN open its own loan. */
  async function payOutFamily(): Promise<Family> {
    const body = applicationBody({
      enterprise: { documentId: newDocumentId() },
      request: { amount: '1000.00', termMonths: 3, innovation: undefined },
    });
    const { body: created } = await as('officer').post('/api/applications', body).expect(201);
    await staff.waitForStatus(created.id, 'in_review');
    await staff.approve(created.id);
    const { loanId } = await staff.waitForStatus(created.id, 'disbursed');
    await eventually(async () =>
      expect((await as('officer').get(`/api/loans/${loanId}`)).status).toBe(200),
    );
    return { loanId, reference: created.reference, pin: created.pin };
  }

  async function familyToken(family: Family): Promise<string> {
    const response = await system
      .http()
      .post('/api/auth/enterprise')
      .send({ reference: family.reference, pin: family.pin })
      .expect(200);
    return response.body.accessToken;
  }

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({
      services: [...SERVICE_NAMES],
      label: 'reversal',
      ackWaitMs: 5000,
    });
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('100000.00', 'BN-REVERSAL');
    for (const name of ['late', 'payoff', 'prepaid', 'refusals'] as const) {
      families[name] = await payOutFamily();
    }
    await system.settle();
  });
  afterAll(() => system?.close());

  describe("a loan's repayments", () => {
    it('lists none before the first, and each one oldest first with what it paid', async () => {
      const { loanId } = families.refusals;
      expect(await repayments(loanId)).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      // Nothing is due on the day of the payout: both prepay from the last installment backwards.
      await repay(loanId, '100.00', '2026-01-15', 'LIST-1');
      await repay(loanId, '50.00', '2026-01-15', 'LIST-2');
      const listed = await repayments(loanId);
      expect(listed).toEqual({
        items: [
          {
            id: expect.any(String),
            externalRef: 'LIST-1',
            amount: '100.00',
            paidOn: '2026-01-15',
            allocated: {
              moratoryInterest: '0.00',
              interest: '0.00',
              principal: '0.00',
              prepayment: '100.00',
            },
            recordedBy: 'officer',
            recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            reversal: null,
          },
          expect.objectContaining({ externalRef: 'LIST-2', amount: '50.00', reversal: null }),
        ],
        total: 2,
        page: 1,
        pageSize: 20,
      });
      const second = (await as('officer').get(`/api/loans/${loanId}/repayments?pageSize=1&page=2`))
        .body;
      expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(second.items.map((r: { externalRef: string }) => r.externalRef)).toEqual(['LIST-2']);
    });

    it('opens to staff and to the family that owns the loan, to no other family', async () => {
      const { loanId } = families.refusals;
      for (const role of ['officer', 'manager', 'admin'] as const) {
        await as(role).get(`/api/loans/${loanId}/repayments`).expect(200);
      }
      const own = await withToken(await familyToken(families.refusals))
        .get(`/api/loans/${loanId}/repayments`)
        .expect(200);
      expect(own.body.total).toBe(2);
      const other = await withToken(await familyToken(families.late)).get(
        `/api/loans/${loanId}/repayments`,
      );
      expectRefused(other, 403, 'LOAN_NOT_YOURS');
      const unknown = await as('officer').get(`/api/loans/${randomUUID()}/repayments`);
      expectRefused(unknown, 404, 'LOAN_NOT_FOUND');
      await as('officer').get(`/api/loans/${loanId}/repayments?pageSize=101`).expect(400);
      await as('officer').get(`/api/loans/${loanId}/repayments?sort=asc`).expect(400);
      await as('officer').get('/api/loans/not-a-uuid/repayments').expect(400);
    });
  });

  describe('refusals', () => {
    it('only the latest repayment not reversed, by a fund manager, once', async () => {
      const { loanId } = families.refusals;
      const [first, second] = (await repayments(loanId)).items;
      // LIST-2 came after LIST-1: LIST-1 is not the latest.
      expectRefused(await reversal(loanId, first.id, 'manager'), 409, 'REPAYMENT_NOT_LATEST');
      // Officers and admins record repayments; only a fund manager reverses them.
      await reversal(loanId, second.id, 'officer').expect(403);
      await reversal(loanId, second.id, 'admin').expect(403);
      await as('manager')
        .post(`/api/loans/${loanId}/repayments/${second.id}/reversal`, {})
        .expect(400);
      await as('manager')
        .post(`/api/loans/${loanId}/repayments/${second.id}/reversal`, { reason: '   ' })
        .expect(400);
      expectRefused(await reversal(loanId, randomUUID(), 'manager'), 404, 'REPAYMENT_NOT_FOUND');
      // A repayment of another loan is not one of this loan's.
      expectRefused(
        await reversal(families.late.loanId, second.id, 'manager'),
        404,
        'REPAYMENT_NOT_FOUND',
      );
      expect((await loan(loanId)).outstandingPrincipal).toBe('850.00'); // 1000.00 − 100.00 − 50.00

      const reversed = await reverse(loanId, second.id);
      expect(reversed.repayment).toEqual({
        ...second,
        reversal: {
          reason: 'Receipt typed with the wrong amount',
          by: 'manager',
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      });
      expect(reversed.loan.outstandingPrincipal).toBe('900.00'); // 850.00 + 50.00
      expectRefused(
        await reversal(loanId, second.id, 'manager'),
        409,
        'REPAYMENT_ALREADY_REVERSED',
      );
      // LIST-1 is now the latest repayment that is not reversed.
      expect((await reverse(loanId, first.id)).loan.outstandingPrincipal).toBe('1000.00');
      expect(
        (await repayments(loanId)).items.map((r: { reversal: { by: string } }) => r.reversal.by),
      ).toEqual(['manager', 'manager']);
      await expectBooksAgree();
    });
  });

  describe('the loan exactly as before', () => {
    it('a prepayment that cleared an installment: its cancelled interest is owed again', async () => {
      const { loanId } = families.prepaid;
      const before = await views();
      const loanBefore = await loan(loanId);
      // 400.00 on the day of the payout, nothing due: 337.95 clears installment 3 (its interest 4.69
      // is cancelled), 62.05 goes to installment 2. Outstanding 1000.00 − 400.00 = 600.00.
      const recorded = await repay(loanId, '400.00', '2026-01-15', 'PRE-1');
      expect(recorded.allocated).toEqual({
        moratoryInterest: '0.00',
        interest: '0.00',
        principal: '0.00',
        prepayment: '400.00',
      });
      expect(recorded.loan.schedule.slice(1)).toEqual([
        expect.objectContaining({ number: 2, paidPrincipal: '62.05', interest: '9.32' }),
        expect.objectContaining({ number: 3, paidPrincipal: '337.95', interest: '0.00' }),
      ]);
      const during = await views();
      expect(during.funds.guarantee.exposure).toBe(
        formatMoney(new Decimal(before.funds.guarantee.exposure).minus('280.00')), // 0.70 × 400.00
      );
      expect(during.funds.lendingPool.repaidPrincipal).toBe(
        formatMoney(new Decimal(before.funds.lendingPool.repaidPrincipal).plus('400.00')),
      );

      const reversed = await reverse(loanId, recorded.id);
      expect(reversed.loan).toEqual(loanBefore);
      expect(await loan(loanId)).toEqual(loanBefore);
      expect(loanBefore.schedule[2]).toMatchObject({ interest: '4.69', paidPrincipal: '0.00' });
      const after = await views();
      expect(after).toEqual(before);

      // The ledger posted the exact opposite of the repayment, as a new transaction.
      expect(await postedLines(`repayment:${recorded.id}`)).toEqual({
        'lending_pool.cash': 'Dr 400.00',
        'lending_pool.loans_receivable': 'Cr 400.00',
      });
      expect(await postedLines(`repayment-reversal:${recorded.id}`)).toEqual({
        'lending_pool.cash': 'Cr 400.00',
        'lending_pool.loans_receivable': 'Dr 400.00',
      });
      await expectBooksAgree();
    });

    it('a repayment that repaid the loan: active again, back in the portfolio and no longer repaid in the family’s history', async () => {
      const { loanId } = families.payoff;
      const before = await views();
      const loanBefore = await loan(loanId);
      // All of it on the day of the payout: 1000.00 of principal, each installment's interest
      // cancelled (nothing was outstanding in its period). The guarantee ends: exposure − 700.00.
      const recorded = await repay(loanId, '1000.00', '2026-01-15', 'RCPT-PAYOFF');
      expect(recorded.loan).toMatchObject({ status: 'repaid', repaidOn: '2026-01-15' });
      const during = await views();
      expect(await loansRepaidOf(loanBefore.enterprise.id)).toBe(1);
      expect(during.summary.activeLoans).toBe(before.summary.activeLoans - 1);
      expect(during.funds.guarantee.exposure).toBe(
        formatMoney(new Decimal(before.funds.guarantee.exposure).minus('700.00')),
      );

      const reversed = await reverse(loanId, recorded.id);
      expect(reversed.loan).toMatchObject({ status: 'active', repaidOn: null });
      expect(reversed.loan).toEqual(loanBefore);
      expect(await loan(loanId)).toEqual(loanBefore);
      expect(loanBefore.schedule.map((line) => line.interest)).toEqual(['13.89', '9.32', '4.69']);
      expect(await views()).toEqual(before);
      expect(await loansRepaidOf(loanBefore.enterprise.id)).toBe(0);
      // The loan.repaid that was published stays in the stream; the reversal is newer.
      const types = await system.query<{ type: string }>(
        `SELECT type FROM repayment.outbox WHERE envelope->>'aggregateId' = $1 AND type <> 'loan.disbursed'
         ORDER BY seq`,
        [loanId],
      );
      expect(types.map((row) => row.type)).toEqual([
        'loan.repayment_recorded',
        'loan.repaid',
        'loan.repayment_reversed',
      ]);
      await expectBooksAgree();
    });

    it('the same receipt number may then be recorded again with the right amount', async () => {
      const { loanId } = families.payoff;
      // The right amount: 100.00, prepaid on installment 3 (nothing due yet).
      const again = await as('officer')
        .post(`/api/loans/${loanId}/repayments`, {
          amount: '100.00',
          paidOn: '2026-01-15',
          externalRef: 'RCPT-PAYOFF',
        })
        .expect(201);
      expect(again.body.allocated).toEqual({
        moratoryInterest: '0.00',
        interest: '0.00',
        principal: '0.00',
        prepayment: '100.00',
      });
      expect(again.body.loan).toMatchObject({ status: 'active', outstandingPrincipal: '900.00' });
      // The same receipt again is now this repayment's replay, not a third one.
      const replay = await as('officer')
        .post(`/api/loans/${loanId}/repayments`, {
          amount: '100.00',
          paidOn: '2026-01-15',
          externalRef: 'RCPT-PAYOFF',
        })
        .expect(201);
      expect(replay.body).toEqual(again.body);
      await as('officer')
        .post(`/api/loans/${loanId}/repayments`, {
          amount: '1000.00',
          paidOn: '2026-01-15',
          externalRef: 'RCPT-PAYOFF',
        })
        .expect(409);
      const listed = await repayments(loanId);
      expect(
        listed.items.map((r: { externalRef: string; amount: string; reversal: unknown }) => [
          r.externalRef,
          r.amount,
          r.reversal === null ? 'live' : 'reversed',
        ]),
      ).toEqual([
        ['RCPT-PAYOFF', '1000.00', 'reversed'],
        ['RCPT-PAYOFF', '100.00', 'live'],
      ]);
      await expectBooksAgree();
    });

    it('has one effect when its event is delivered again, under another message id or another event id', async () => {
      const { loanId } = families.payoff;
      const [row] = await system.query<{ envelope: EventEnvelope<{ repaymentId: string }> }>(
        `SELECT envelope FROM repayment.outbox WHERE type = 'loan.repayment_reversed'
         AND envelope->>'aggregateId' = $1`,
        [loanId],
      );
      const event = row.envelope;
      const before = await views();
      const ledgerBefore = await system.query(
        'SELECT count(*)::int AS transactions FROM disbursement.ledger_transaction',
      );
      // The relay's message id is the event id: another one passes JetStream's de-duplication.
      await publishEvents(system, [event], () => randomUUID());
      // And the same reversal announced under another event id (as if written twice).
      await publishEvents(system, [{ ...event, id: randomUUID() }]);
      expect(await views()).toEqual(before);
      expect(
        await system.query(
          'SELECT count(*)::int AS transactions FROM disbursement.ledger_transaction',
        ),
      ).toEqual(ledgerBefore);
      const handled = await system.query<{ consumer: string; times: number }>(
        `SELECT consumer, count(*)::int AS times FROM (
           SELECT consumer FROM disbursement.inbox WHERE event_id = $1
           UNION ALL SELECT consumer FROM portfolio.inbox WHERE event_id = $1
           UNION ALL SELECT consumer FROM credit_scoring.inbox WHERE event_id = $1) handled
         GROUP BY consumer ORDER BY consumer`,
        [event.id],
      );
      expect(handled).toEqual([
        { consumer: 'credit-scoring', times: 1 },
        { consumer: 'disbursement', times: 1 },
        { consumer: 'portfolio', times: 1 },
      ]);
      expect(await loan(loanId)).toMatchObject({
        status: 'active',
        outstandingPrincipal: '900.00',
      });
      await expectBooksAgree();
    });

    it('a late loan brought current: its moratory interest, days past due and class come back', async () => {
      const { loanId } = families.late;
      // Installment 1 (due 2026-02-15) unpaid at the close of 2026-02-25: 10 days past due, CPP;
      // moratory interest of 10 days at (1.10)^(1/360) − 1 = 0.000264786 a day on 328.74:
      // 0.087 a day, 0.09 rounded, × 10 = 0.90.
      await closeTo('2026-02-25');
      const before = await views();
      const loanBefore = await loan(loanId);
      expect(loanBefore).toMatchObject({
        daysPastDue: 10,
        classification: 'cpp',
        moratoryInterestDue: '0.90',
      });
      // 342.63 + 0.90 = 343.53: moratory interest, then installment 1's interest and principal.
      const recorded = await repay(loanId, '343.53', '2026-02-25', 'LATE-1');
      expect(recorded.allocated).toEqual({
        moratoryInterest: '0.90',
        interest: '13.89',
        principal: '328.74',
        prepayment: '0.00',
      });
      expect(recorded.loan).toMatchObject({
        daysPastDue: 0,
        classification: 'normal',
        moratoryInterestDue: '0.00',
        outstandingPrincipal: '671.26',
      });
      const during = await views();
      expect(during.summary.byClassification.cpp.loans).toBe(
        before.summary.byClassification.cpp.loans - 1,
      );

      const reversed = await reverse(loanId, recorded.id);
      expect(reversed.loan).toEqual(loanBefore);
      expect(await loan(loanId)).toEqual(loanBefore);
      expect(await views()).toEqual(before);
      expect(await postedLines(`repayment-reversal:${recorded.id}`)).toEqual({
        'lending_pool.cash': 'Cr 343.53',
        'lending_pool.loans_receivable': 'Dr 328.74',
        'lending_pool.interest_income': 'Dr 14.79', // 13.89 + 0.90
      });
      await expectBooksAgree();
    });

    it('is refused once a close of business has run, and on a written-off loan', async () => {
      const late = families.late.loanId;
      const recorded = await repay(late, '50.00', '2026-02-25', 'LATE-2');
      await closeTo('2026-02-26');
      expectRefused(await reversal(late, recorded.id, 'manager'), 409, 'REPAYMENT_DAY_CLOSED');
      expect((await repayments(late)).items.at(-1)).toMatchObject({
        externalRef: 'LATE-2',
        reversal: null,
      });

      const { loanId } = families.refusals;
      const last = await repay(loanId, '20.00', '2026-02-26', 'WO-1');
      await as('manager')
        .post(`/api/loans/${loanId}/write-off`, { reason: 'Family emigrated' })
        .expect(200);
      expectRefused(await reversal(loanId, last.id, 'manager'), 409, 'LOAN_CLOSED');
      expect((await loan(loanId)).status).toBe('written_off');
      await expectBooksAgree();
    });
  });

  it('credit-scoring: a reversal of a payoff redelivered after the loan was paid off again still counts the loan repaid', async () => {
    const { loanId } = families.payoff;
    const owed = await loan(loanId);
    const enterpriseId = owed.enterprise.id;
    // Everything owed on 2026-02-26: moratory interest, installment 1's interest and principal (due),
    // and the principal left of the others (their interest cancelled by the payoff).
    const payoff = formatMoney(
      owed.schedule.reduce(
        (sum, line) =>
          sum
            .plus(line.principal)
            .minus(line.paidPrincipal)
            .plus(
              line.dueDate <= '2026-02-26'
                ? new Decimal(line.interest).minus(line.paidInterest)
                : 0,
            ),
        new Decimal(owed.moratoryInterestDue),
      ),
    );
    const mistaken = await repay(loanId, payoff, '2026-02-26', 'PAYOFF-1');
    expect(mistaken.loan.status).toBe('repaid');
    await system.settle();
    expect(await loansRepaidOf(enterpriseId)).toBe(1);

    await crashWhileHandling(system, {
      service: 'credit-scoring',
      a: (event) => event.type === 'loan.repayment_reversed' && event.aggregateId === loanId,
      produceA: async () => {
        await reverse(loanId, mistaken.id);
      },
      whileHeld: async () => {
        // Recorded again, under its own receipt: the loan is repaid again, in a newer loan.repaid.
        expect((await repay(loanId, payoff, '2026-02-26', 'PAYOFF-2')).loan.status).toBe('repaid');
        return newestEventId(system, 'repayment', 'loan.repaid', 'loanId', loanId);
      },
    });
    expect((await loan(loanId)).status).toBe('repaid');
    expect(await loansRepaidOf(enterpriseId)).toBe(1);
    await expectBooksAgree();
  });

  it('disbursement: a reversal redelivered after a newer repayment posts its reversal and leaves the newer outstanding', async () => {
    const { loanId } = families.late;
    const before = await loan(loanId);
    let mistaken = '';
    await crashWhileHandling(system, {
      service: 'disbursement',
      a: (event) => event.type === 'loan.repayment_reversed' && event.aggregateId === loanId,
      produceA: async () => {
        mistaken = (await repay(loanId, '100.00', '2026-02-26', 'CRASH-A')).id;
        expect((await reverse(loanId, mistaken)).loan).toEqual(before);
      },
      whileHeld: async () => {
        await repay(loanId, '60.00', '2026-02-26', 'CRASH-B');
        return newestEventId(system, 'repayment', 'loan.repayment_recorded', 'loanId', loanId);
      },
    });
    const after = await loan(loanId);
    const [row] = await system.query<{ exposure: string; outstanding_principal: string }>(
      'SELECT exposure, outstanding_principal FROM disbursement.disbursement WHERE loan_id = $1',
      [loanId],
    );
    // The fund follows the newest state (after CRASH-B), not the reversal's older one.
    expect(row).toEqual({
      exposure: formatMoney(roundMoney(new Decimal(after.outstandingPrincipal).mul('0.70'))),
      outstanding_principal: after.outstandingPrincipal,
    });
    const repaid = await postedLines(`repayment:${mistaken}`);
    const reversedLines = await postedLines(`repayment-reversal:${mistaken}`);
    const opposite = (line: string) =>
      line.startsWith('Dr') ? line.replace('Dr', 'Cr') : line.replace('Cr', 'Dr');
    expect(reversedLines).toEqual(
      Object.fromEntries(
        Object.entries(repaid).map(([account, line]) => [account, opposite(line)]),
      ),
    );
    await expectBooksAgree();
  });

  it("a repayment on a claimed loan: the guarantee fund's recovery from it is given back", async () => {
    const { loanId } = families.prepaid;
    // Installment 1 (due 2026-02-15) never paid: 90 days past due at the close of 2026-05-16, and the
    // guarantee fund pays its claim, 0.70 × 1000.00 = 700.00.
    await closeTo('2026-05-16');
    expect(await loan(loanId)).toMatchObject({ status: 'claimed', claimAmount: '700.00' });
    const before = await views();
    const loanBefore = await loan(loanId);

    const recorded = await repay(loanId, '400.00', '2026-05-16', 'CLAIMED-1');
    const during = await views();
    // The fund takes its coverage share of what the family paid after the claim: 0.70 × 400.00.
    expect(during.funds.guarantee.recoveries).toBe(
      formatMoney(new Decimal(before.funds.guarantee.recoveries).plus('280.00')),
    );
    expect(during.funds.guarantee.availableCapital).toBe(
      formatMoney(new Decimal(before.funds.guarantee.availableCapital).plus('280.00')),
    );

    const reversed = await reverse(loanId, recorded.id);
    expect(reversed.loan).toEqual(loanBefore);
    expect(await views()).toEqual(before);
    const [row] = await system.query(
      'SELECT claim_paid, recovery_entitled, recovered FROM disbursement.disbursement WHERE loan_id = $1',
      [loanId],
    );
    expect(row).toEqual({ claim_paid: '700.00', recovery_entitled: '0.00', recovered: '0.00' });
    await expectBooksAgree();
  });
});
