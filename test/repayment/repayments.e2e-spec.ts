import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, startRepaymentSystem, Tokens } from './repayment-api';

/**
 * Repayments through the API on PEN 1,000.00 at TEA 18 % over 3 months, disbursed 2026-01-15:
 *   1  2026-02-15  principal 328.74  interest 13.89  installment 342.63
 *   2  2026-03-15  principal 333.31  interest  9.32  installment 342.63
 *   3  2026-04-15  principal 337.95  interest  4.69  installment 342.64
 * The business date is 2026-02-15 until the moratory test moves it on.
 */
describe('Repayments: allocation, idempotency, concurrency, refusals and write-off', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('repayments'));
    api = new RepaymentApi(system, tokens);
    await api.closeTo('2026-02-15');
  });
  afterAll(() => system?.close());

  const newLoan = async (options = {}) =>
    (
      await disburseLoan(system, tokens.officer, {
        principal: '1000.00',
        termMonths: 3,
        ...options,
      })
    ).loanId;
  const stored = async (loanId: string) => {
    const [row] = await system.query<{ repayments: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM repayment.repayment WHERE loan_id = $1) AS repayments,
              (SELECT count(*)::int FROM repayment.outbox WHERE envelope->>'aggregateId' = $1::text
                 AND type <> 'loan.disbursed') AS events`,
      [loanId],
    );
    return row;
  };

  describe('allocation', () => {
    it('partial, then exact: interest before principal, the installment paid when complete', async () => {
      const loanId = await newLoan();
      // 100.00: interest 13.89, principal 100.00 − 13.89 = 86.11
      const first = await api
        .repay(loanId, { amount: '100.00', paidOn: '2026-02-15', externalRef: 'P-1' })
        .expect(201);
      expect(first.body).toMatchObject({
        id: expect.any(String),
        allocated: {
          moratoryInterest: '0.00',
          interest: '13.89',
          principal: '86.11',
          prepayment: '0.00',
        },
      });
      expect(first.body.loan.schedule[0]).toMatchObject({
        paidInterest: '13.89',
        paidPrincipal: '86.11',
        status: 'partial',
      });
      expect(first.body.loan.outstandingPrincipal).toBe('913.89');
      // 242.63 = the 328.74 − 86.11 of principal left on installment 1
      const second = await api
        .repay(loanId, { amount: '242.63', paidOn: '2026-02-15', externalRef: 'P-2' })
        .expect(201);
      expect(second.body.allocated).toEqual({
        moratoryInterest: '0.00',
        interest: '0.00',
        principal: '242.63',
        prepayment: '0.00',
      });
      expect(second.body.loan).toMatchObject({
        outstandingPrincipal: '671.26',
        nextInstallment: { number: 2, dueDate: '2026-03-15', amountDue: '342.63' },
      });
      expect(second.body.loan.schedule.map((l: { status: string }) => l.status)).toEqual([
        'paid',
        'pending',
        'pending',
      ]);
      expect(await api.loan(loanId)).toEqual(second.body.loan);
    });

    it('over-payment prepays from the last installment backwards; more than owed is refused', async () => {
      const loanId = await newLoan();
      // Owed on 2026-02-15: 13.89 of interest + all 1000.00 of principal = 1013.89
      const tooMuch = await api
        .repay(loanId, { amount: '1013.90', paidOn: '2026-02-15', externalRef: 'O-0' })
        .expect(422);
      expect(tooMuch.body).toMatchObject({ code: 'MORE_THAN_OWED' });
      expect(tooMuch.body.message).toMatch(/como máximo 1013\.89/);
      expect(await stored(loanId)).toEqual({ repayments: 0, events: 0 });

      // 700.00: 342.63 for installment 1, then 357.37 prepaid: 337.95 clears installment 3 (its
      // interest 4.69 is cancelled) and 19.42 goes to installment 2. Outstanding 1000 − 686.11 = 313.89.
      const response = await api
        .repay(loanId, { amount: '700.00', paidOn: '2026-02-15', externalRef: 'O-1' })
        .expect(201);
      expect(response.body.allocated).toEqual({
        moratoryInterest: '0.00',
        interest: '13.89',
        principal: '328.74',
        prepayment: '357.37',
      });
      expect(response.body.loan.outstandingPrincipal).toBe('313.89');
      expect(response.body.loan.schedule.slice(1)).toEqual([
        expect.objectContaining({
          number: 2,
          interest: '9.32',
          paidPrincipal: '19.42',
          status: 'partial',
        }),
        expect.objectContaining({
          number: 3,
          principal: '337.95',
          interest: '0.00',
          installment: '337.95',
          paidPrincipal: '337.95',
          status: 'paid',
        }),
      ]);
      // What is left: 333.31 − 19.42 = 313.89 of principal (its interest falls due on 2026-03-15)
      await api
        .repay(loanId, { amount: '313.90', paidOn: '2026-02-15', externalRef: 'O-2' })
        .expect(422);
      const last = await api
        .repay(loanId, { amount: '313.89', paidOn: '2026-02-15', externalRef: 'O-3' })
        .expect(201);
      expect(last.body.loan).toMatchObject({ status: 'repaid', outstandingPrincipal: '0.00' });
      expect(last.body.loan.schedule.map((l: { status: string }) => l.status)).toEqual([
        'paid',
        'paid',
        'paid',
      ]);
    });
  });

  describe('idempotency by externalRef', () => {
    it('the same receipt again returns the first result and moves nothing; another body is a 409', async () => {
      const loanId = await newLoan();
      const body = { amount: '50.00', paidOn: '2026-02-15', externalRef: 'RCPT-000123' };
      const first = await api.repay(loanId, body).expect(201);
      const again = await api.repay(loanId, { ...body, amount: '50' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await stored(loanId)).toEqual({ repayments: 1, events: 1 });
      expect((await api.loan(loanId)).outstandingPrincipal).toBe('963.89');

      const conflict = await api.repay(loanId, { ...body, amount: '60.00' }).expect(409);
      expect(conflict.body).toMatchObject({ code: 'EXTERNAL_REF_REUSED' });
      expect(conflict.body.message).toMatch(/RCPT-000123/);
      await api.repay(loanId, { ...body, paidOn: '2026-02-14' }).expect(409);
      expect(await stored(loanId)).toEqual({ repayments: 1, events: 1 });

      // Receipts are per loan: another loan may have its own RCPT-000123.
      await api.repay(await newLoan(), body).expect(201);
    });
  });

  describe('concurrency', () => {
    it('ten repayments at once on one loan all apply, once each, one after the other', async () => {
      const loanId = await newLoan();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.repay(loanId, { amount: '10.00', paidOn: '2026-02-15', externalRef: `C-${i}` }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      // 100.00 in all: 13.89 of interest, 86.11 of principal. In lock order: one takes 10.00 of
      // interest, one 3.89 of interest and 6.11 of principal, eight take 10.00 of principal.
      const allocations = responses
        .map((r) => `${r.body.allocated.interest}/${r.body.allocated.principal}`)
        .sort();
      expect(allocations).toEqual(
        [...Array(8).fill('0.00/10.00'), '10.00/0.00', '3.89/6.11'].sort(),
      );
      const loan = await api.loan(loanId);
      expect(loan.outstandingPrincipal).toBe('913.89');
      expect(loan.schedule[0]).toMatchObject({ paidInterest: '13.89', paidPrincipal: '86.11' });
      expect(await stored(loanId)).toEqual({ repayments: 10, events: 10 });
      // The order is the order of the lock: each one saw the loan its predecessor left.
      const rows = await system.query<{ interest: string; principal: string }>(
        `SELECT interest::text, principal::text FROM repayment.repayment WHERE loan_id = $1 ORDER BY seq`,
        [loanId],
      );
      expect(rows.slice(0, 2)).toEqual([
        { interest: '10.00', principal: '0.00' },
        { interest: '3.89', principal: '6.11' },
      ]);
    });
  });

  describe('refusals: nothing is stored', () => {
    let loanId: string;
    beforeAll(async () => {
      loanId = await newLoan();
    });

    it.each([
      ['a zero amount', { amount: '0.00' }],
      ['a negative amount', { amount: '-5.00' }],
      ['three decimals', { amount: '10.001' }],
      ['a number instead of a string', { amount: 10 }],
      ['no amount', { amount: undefined }],
      ['a date that does not exist', { paidOn: '2026-02-30' }],
      ['a date in another format', { paidOn: '15/02/2026' }],
      ['an empty externalRef', { externalRef: '  ' }],
      ['an externalRef over 100 characters', { externalRef: 'R'.repeat(101) }],
      ['an unknown field', { currency: 'PEN' }],
    ])('400 for %s', async (_, change) => {
      const body = { amount: '10.00', paidOn: '2026-02-15', externalRef: 'BAD-1', ...change };
      const response = await api.repay(loanId, body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await stored(loanId)).toEqual({ repayments: 0, events: 0 });
    });

    it('422 for a payment after the business date or before the disbursement', async () => {
      const after = await api
        .repay(loanId, { amount: '10.00', paidOn: '2026-02-16', externalRef: 'LATE-1' })
        .expect(422);
      expect(after.body).toMatchObject({ code: 'PAID_ON_OUT_OF_RANGE' });
      expect(after.body.message).toMatch(/posterior a la fecha de operaciones 2026-02-15/);
      const before = await api
        .repay(loanId, { amount: '10.00', paidOn: '2026-01-14', externalRef: 'EARLY-1' })
        .expect(422);
      expect(before.body).toMatchObject({ code: 'PAID_ON_OUT_OF_RANGE' });
      expect(before.body.message).toMatch(/anterior al desembolso del préstamo, el 2026-01-15/);
      expect(await stored(loanId)).toEqual({ repayments: 0, events: 0 });
    });

    it('400 for a loan id that is not a UUID, 404 for an unknown loan', async () => {
      const body = { amount: '10.00', paidOn: '2026-02-15', externalRef: 'X-1' };
      await api.repay('not-a-uuid', body).expect(400);
      await api.repay(randomUUID(), body).expect(404);
    });
  });

  describe('moratory interest and coming back to current', () => {
    it('pays moratory interest first, and a loan brought current is normal at once', async () => {
      const loanId = await newLoan({ disbursedOn: '2026-01-15' });
      await api.closeTo('2026-02-24');
      // Feb 16 … Feb 24: 9 closes × round(328.74 × 0.000264785549 = 0.087046) = 9 × 0.09 = 0.81
      const late = await api.loan(loanId);
      expect(late).toMatchObject({
        daysPastDue: 9,
        classification: 'cpp',
        moratoryInterestDue: '0.81',
      });
      // 343.44 = 0.81 + 13.89 + 328.74
      const response = await api
        .repay(loanId, { amount: '343.44', paidOn: '2026-02-24', externalRef: 'M-1' })
        .expect(201);
      expect(response.body.allocated).toEqual({
        moratoryInterest: '0.81',
        interest: '13.89',
        principal: '328.74',
        prepayment: '0.00',
      });
      expect(response.body.loan).toMatchObject({
        daysPastDue: 0,
        classification: 'normal',
        moratoryInterestDue: '0.00',
        maxDaysPastDue: 9,
      });
      expect((await api.events('loan.delinquency_changed', loanId)).at(-1)).toEqual({
        loanId,
        enterpriseId: expect.any(String),
        businessDate: '2026-02-24',
        daysPastDue: 0,
        classification: 'normal',
        previousClassification: 'cpp',
        outstandingPrincipal: '671.26',
        loan: {
          status: 'active',
          outstandingPrincipal: '671.26',
          daysPastDue: 0,
          classification: 'normal',
          claimed: false,
        },
      });
      // Current now: the next close accrues nothing and keeps it normal.
      await api.closeTo('2026-02-25');
      expect(await api.loan(loanId)).toMatchObject({ daysPastDue: 0, moratoryInterestDue: '0.00' });
    });
  });

  describe('write-off', () => {
    it('a fund manager writes off an active loan; the loss is published; then it is closed', async () => {
      const loanId = await newLoan();
      await api
        .repay(loanId, { amount: '100.00', paidOn: '2026-02-20', externalRef: 'W-1' })
        .expect(201);
      await api.writeOff(loanId, 'Family emigrated', tokens.officer).expect(403);
      await api.writeOff(loanId, '   ').expect(400);
      const response = await api.writeOff(loanId, 'Family emigrated').expect(200);
      expect(response.body).toMatchObject({
        status: 'written_off',
        writtenOffOn: expect.any(String),
        outstandingPrincipal: '913.89',
      });
      expect(await api.events('loan.written_off', loanId)).toEqual([
        {
          loanId,
          enterpriseId: expect.any(String),
          writtenOffOn: response.body.writtenOffOn,
          outstandingPrincipal: '913.89',
          by: 'manager',
          reason: 'Family emigrated',
          // The loan as it stands after the write-off, as the API shows it.
          loan: {
            status: 'written_off',
            outstandingPrincipal: '913.89',
            daysPastDue: response.body.daysPastDue,
            classification: response.body.classification,
            claimed: false,
          },
        },
      ]);
      await api.writeOff(loanId, 'Again').expect(409);
      await api
        .repay(loanId, { amount: '10.00', paidOn: '2026-02-20', externalRef: 'W-2' })
        .expect(409);
    });
  });

  describe('who may do what', () => {
    let mine: string;
    let enterpriseId: string;
    let enterpriseToken: string;

    beforeAll(async () => {
      enterpriseId = randomUUID();
      mine = await newLoan({ enterpriseId });
      // A family's token, as the gateway signs it after reference + PIN.
      enterpriseToken = await system
        .app('gateway')
        .get(JwtService)
        .signAsync({ sub: enterpriseId, name: 'QL-FAMILY', role: 'enterprise', enterpriseId });
    });

    it("an enterprise reads its own loan, and gets 403 for another's", async () => {
      const own = await api.loan(mine, enterpriseToken);
      expect(own.enterprise.id).toBe(enterpriseId);
      const other = await newLoan();
      await system
        .http()
        .get(`/api/loans/${other}`)
        .set('Authorization', `Bearer ${enterpriseToken}`)
        .expect(403);
      const list = await system
        .http()
        .get('/api/loans')
        .set('Authorization', `Bearer ${enterpriseToken}`)
        .expect(200);
      expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([mine]);
    });

    it('staff read every loan; pageSize is at most 100', async () => {
      for (const token of [tokens.officer, tokens.manager, tokens.admin]) {
        await api.loan(mine, token);
      }
      await system
        .http()
        .get('/api/loans')
        .query({ pageSize: 101 })
        .set('Authorization', `Bearer ${tokens.officer}`)
        .expect(400);
      await system
        .http()
        .get('/api/loans')
        .query({ classification: 'bad' })
        .set('Authorization', `Bearer ${tokens.officer}`)
        .expect(400);
      await system.http().get(`/api/loans/${mine}`).expect(401);
    });

    it('repayments: officers and admins, not fund managers or enterprises', async () => {
      const body = { amount: '5.00', paidOn: '2026-02-20', externalRef: 'ROLE-1' };
      await api.repay(mine, body, tokens.manager).expect(403);
      await api.repay(mine, body, enterpriseToken).expect(403);
      await api.repay(mine, body, tokens.admin).expect(201);
    });

    it('the business date is for staff, the close for admins', async () => {
      await system
        .http()
        .get('/api/admin/business-date')
        .set('Authorization', `Bearer ${enterpriseToken}`)
        .expect(403);
      await api.closeOfBusiness('2026-03-01', enterpriseToken).expect(403);
    });

    it('the OpenAPI document describes the loan and operations routes', async () => {
      const response = await system.http().get('/api/docs-json').expect(200);
      const routes = Object.entries(response.body.paths as Record<string, object>).flatMap(
        ([path, methods]) =>
          Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes).toEqual(
        expect.arrayContaining([
          'GET /api/loans',
          'GET /api/loans/{id}',
          'POST /api/loans/{id}/repayments',
          'GET /api/loans/{id}/repayments',
          'POST /api/loans/{id}/repayments/{repaymentId}/reversal',
          'POST /api/loans/{id}/write-off',
          'POST /api/admin/close-of-business',
          'GET /api/admin/business-date',
          'GET /api/admin/closes',
        ]),
      );
    });

    it('write-off: fund managers only', async () => {
      await api.writeOff(mine, 'No', tokens.admin).expect(403);
      await api.writeOff(mine, 'No', enterpriseToken).expect(403);
    });
  });
});
