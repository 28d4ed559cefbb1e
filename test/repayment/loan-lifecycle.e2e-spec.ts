import { disburseLoan, loanDisbursedEvent, publishEvent } from '../support/loan-factory';
import { eventually } from '../support/eventually';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, startRepaymentSystem, Tokens } from './repayment-api';

describe('A loan account from disbursement to repaid (gateway → repayment)', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('loan_life'));
    api = new RepaymentApi(system, tokens);
  });
  afterAll(() => system?.close());

  it('opens the account from loan.disbursed, in the shape of API.md', async () => {
    const { loan } = await disburseLoan(system, tokens.officer);
    // PEN 6,000.00 at TEA 18 % over 12 months: A = 546.28; fee 6000 × 0.70 × 1.5 % = 63.00
    expect(loan).toMatchObject({
      applicationId: expect.any(String),
      status: 'active',
      principal: '6000.00',
      tea: '0.18',
      termMonths: 12,
      disbursedOn: '2026-01-15',
      coverage: '0.70',
      guaranteeFee: '63.00',
      grant: '0.00',
      outstandingPrincipal: '6000.00',
      daysPastDue: 0,
      classification: 'normal',
      moratoryInterestDue: '0.00',
      asOf: '2026-01-15',
      nextInstallment: { number: 1, dueDate: '2026-02-15', amountDue: '546.28' },
    });
    expect(loan.schedule).toHaveLength(12);
    expect(loan.schedule[0]).toEqual({
      number: 1,
      dueDate: '2026-02-15',
      principal: '462.95',
      interest: '83.33',
      installment: '546.28',
      paidPrincipal: '0.00',
      paidInterest: '0.00',
      status: 'pending',
    });
    expect(loan.schedule[11]).toMatchObject({ dueDate: '2027-01-15', installment: '546.24' });
  });

  it('opens a loan once however often loan.disbursed arrives', async () => {
    const event = loanDisbursedEvent();
    await publishEvent(system, event);
    // The same loan under a second event id (a republish beyond JetStream's de-duplication window).
    await publishEvent(system, { ...event, id: '5b0b7c1e-4a37-4c55-9a53-0a3c8c6a1f11' });
    await eventually(() => api.loan(event.payload.loanId));
    await eventually(async () => {
      const [row] = await system.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM repayment.inbox WHERE event_type = 'loan.disbursed'
           AND event_id IN ($1, '5b0b7c1e-4a37-4c55-9a53-0a3c8c6a1f11')`,
        [event.id],
      );
      expect(row.n).toBe(2);
    });
    const [installments] = await system.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM repayment.installment WHERE loan_id = $1',
      [event.payload.loanId],
    );
    expect(installments.n).toBe(12);
  });

  it('a loan repaid on time ends repaid, every installment paid, and no more repayments', async () => {
    const { loanId } = await disburseLoan(system, tokens.officer, {
      principal: '1000.00',
      termMonths: 3,
    });
    // 1: 2026-02-15 342.63 · 2: 2026-03-15 342.63 · 3: 2026-04-15 342.64 (the last takes the remainder)
    const installments = [
      ['2026-02-15', '342.63'],
      ['2026-03-15', '342.63'],
      ['2026-04-15', '342.64'],
    ];
    for (const [index, [dueDate, amount]] of installments.entries()) {
      await api.closeTo(dueDate);
      const paid = await api
        .repay(loanId, { amount, paidOn: dueDate, externalRef: `ONTIME-${index + 1}` })
        .expect(201);
      expect(paid.body.allocated.moratoryInterest).toBe('0.00');
      expect(paid.body.allocated.prepayment).toBe('0.00');
      expect(paid.body.loan.daysPastDue).toBe(0);
    }
    const loan = await api.loan(loanId);
    expect(loan).toMatchObject({
      status: 'repaid',
      outstandingPrincipal: '0.00',
      repaidOn: '2026-04-15',
      nextInstallment: null,
    });
    expect(loan.schedule.map((l: { status: string }) => l.status)).toEqual([
      'paid',
      'paid',
      'paid',
    ]);
    expect(await api.events('loan.repaid', loanId)).toEqual([
      expect.objectContaining({ loanId, repaidOn: '2026-04-15', maxDaysPastDue: 0 }),
    ]);
    const recorded = await api.events<{ allocated: Record<string, string> }>(
      'loan.repayment_recorded',
      loanId,
    );
    expect(recorded.map((r) => r.allocated.principal)).toEqual(['328.74', '333.31', '337.95']);

    const again = await api
      .repay(loanId, { amount: '10.00', paidOn: '2026-04-15', externalRef: 'AFTER' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'LOAN_CLOSED' });
    expect(again.body.message).toMatch(/«pagado»/);
  });
});
