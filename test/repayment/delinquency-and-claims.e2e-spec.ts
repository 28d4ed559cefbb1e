import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, startRepaymentSystem, Tokens } from './repayment-api';

/**
 * A loan left unpaid, closed day by day from its disbursement: PEN 4,321.09 at TEA 18 % over 12
 * months, disbursed 2026-01-15, moratory TEA 10 %, coverage 70 %. Its first installments:
 *   1  2026-02-15  principal 333.41  interest 60.01
 *   2  2026-03-15  principal 338.04  interest 55.38
 *   3  2026-04-15  principal 342.73  interest 50.69
 *   4  2026-05-15  principal 347.49  interest 45.93
 *   5  2026-06-15  principal 352.32  interest 41.10
 * Daily moratory rate d = 1.10^(1/360) − 1 = 0.000264785548963…, one accrual per close, rounded
 * half-up per loan: overdue 333.41 → 0.088282 → 0.09 a day; 671.45 → 0.177790 → 0.18;
 * 1014.18 → 0.268540 → 0.27; 1361.67 → 0.360551 → 0.36; 1713.99 → 0.453840 → 0.45.
 */
describe('A loan left unpaid: days past due, SBS class, moratory interest and the guarantee claim', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;
  let loanId: string;

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('delinquency'));
    api = new RepaymentApi(system, tokens);
    ({ loanId } = await disburseLoan(system, tokens.officer, { principal: '4321.09' }));
  });
  afterAll(() => system?.close());

  const statuses = (loan: { schedule: { status: string }[] }) =>
    loan.schedule.slice(0, 6).map((line) => line.status);

  it.each([
    // date, DPD, class, moratory interest due, status
    // On its due date the first installment is not late yet.
    ['2026-02-15', 0, 'normal', '0.00', 'active'],
    // Feb 16 … Feb 24: 9 closes × 0.09 = 0.81
    ['2026-02-24', 9, 'cpp', '0.81', 'active'],
    // Feb 16 … Mar 15: 28 × 0.09 = 2.52; Mar 16 … 18: 3 × 0.18 = 0.54 → 3.06
    ['2026-03-18', 31, 'deficiente', '3.06', 'active'],
    // 2.52 + Mar 16 … Apr 15: 31 × 0.18 = 5.58 → 8.10; Apr 16, 17: 2 × 0.27 = 0.54 → 8.64
    ['2026-04-17', 61, 'dudoso', '8.64', 'active'],
    // 2.52 + 5.58 + Apr 16 … May 15: 30 × 0.27 = 8.10 → 16.20; one day short of the claim
    ['2026-05-15', 89, 'dudoso', '16.20', 'active'],
    // 16.20 + 0.36 = 16.56; DPD 90 reaches the claim threshold
    ['2026-05-16', 90, 'dudoso', '16.56', 'claimed'],
    // 16.20 + May 16 … Jun 15: 31 × 0.36 = 11.16 → 27.36; Jun 16: 0.45 → 27.81
    ['2026-06-16', 121, 'perdida', '27.81', 'claimed'],
  ])(
    'at the close of %s: DPD %d, %s, moratory interest %s, %s',
    async (date, dpd, cls, moratory, status) => {
      await api.closeTo(date);
      const loan = await api.loan(loanId);
      expect(loan).toMatchObject({
        asOf: date,
        daysPastDue: dpd,
        classification: cls,
        moratoryInterestDue: moratory,
        status,
        maxDaysPastDue: dpd,
        outstandingPrincipal: '4321.09',
      });
      const overdue = loan.schedule.filter((l: { dueDate: string }) => l.dueDate < date).length;
      expect(statuses(loan)).toEqual(
        Array.from({ length: 6 }, (_, i) => (i < overdue ? 'overdue' : 'pending')),
      );
    },
  );

  it('was claimed once, at 90 DPD, for exactly coverage × outstanding principal', async () => {
    // 0.70 × 4321.09 = 3024.763 → 3024.76
    expect(await api.events('loan.claimed', loanId)).toEqual([
      {
        loanId,
        businessDate: '2026-05-16',
        daysPastDue: 90,
        outstandingPrincipal: '4321.09',
        coverage: '0.70',
        claimAmount: '3024.76',
        enterpriseId: expect.any(String),
        loan: {
          status: 'claimed',
          outstandingPrincipal: '4321.09',
          daysPastDue: 90,
          classification: 'dudoso',
          claimed: true,
        },
      },
    ]);
    expect(await api.loan(loanId)).toMatchObject({
      claimedOn: '2026-05-16',
      claimAmount: '3024.76',
    });
  });

  it('numbered its events one version after the other, from the version loan.disbursed had', async () => {
    const rows = await system.query<{ type: string; version: number }>(
      `SELECT type, (envelope->>'aggregateVersion')::int AS version FROM repayment.outbox
       WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
      [loanId],
    );
    // loan.disbursed was version 1; six crossings (DPD > 1, ≥ 9, ≥ 31, ≥ 61, > 90, ≥ 121) and the
    // claim follow, in the order they were written.
    expect(rows.map((row) => row.type)).toEqual([
      'loan.delinquency_changed',
      'loan.delinquency_changed',
      'loan.delinquency_changed',
      'loan.delinquency_changed',
      'loan.claimed',
      'loan.delinquency_changed',
      'loan.delinquency_changed',
    ]);
    expect(rows.map((row) => row.version)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const [loan] = await system.query<{ version: number }>(
      'SELECT version FROM repayment.loan WHERE id = $1',
      [loanId],
    );
    expect(loan.version).toBe(8);
  });

  it('published each threshold it crossed (DPD > 1, ≥ 9, ≥ 31, ≥ 61, > 90, ≥ 121) once', async () => {
    const changes = await api.events<{ daysPastDue: number; businessDate: string }>(
      'loan.delinquency_changed',
      loanId,
    );
    expect(changes).toEqual([
      expect.objectContaining({
        businessDate: '2026-02-17',
        daysPastDue: 2,
        classification: 'normal',
        previousClassification: 'normal',
      }),
      expect.objectContaining({
        businessDate: '2026-02-24',
        daysPastDue: 9,
        classification: 'cpp',
        previousClassification: 'normal',
      }),
      expect.objectContaining({
        businessDate: '2026-03-18',
        daysPastDue: 31,
        classification: 'deficiente',
        previousClassification: 'cpp',
      }),
      expect.objectContaining({
        businessDate: '2026-04-17',
        daysPastDue: 61,
        classification: 'dudoso',
        previousClassification: 'deficiente',
      }),
      expect.objectContaining({
        businessDate: '2026-05-17',
        daysPastDue: 91,
        classification: 'dudoso',
        previousClassification: 'dudoso',
      }),
      expect.objectContaining({
        businessDate: '2026-06-16',
        daysPastDue: 121,
        classification: 'perdida',
        previousClassification: 'dudoso',
      }),
    ]);
    expect(
      changes.every(
        (c) => (c as { outstandingPrincipal?: string }).outstandingPrincipal === '4321.09',
      ),
    ).toBe(true);
  });

  it('still takes repayments once claimed', async () => {
    // 100.00 on 2026-06-16: moratory 27.81, then installment 1's interest 60.01, then
    // 100.00 − 27.81 − 60.01 = 12.18 of its principal; outstanding 4321.09 − 12.18 = 4308.91
    const response = await api
      .repay(loanId, { amount: '100.00', paidOn: '2026-06-16', externalRef: 'CLAIMED-1' })
      .expect(201);
    expect(response.body.allocated).toEqual({
      moratoryInterest: '27.81',
      interest: '60.01',
      principal: '12.18',
      prepayment: '0.00',
    });
    expect(response.body.loan).toMatchObject({
      status: 'claimed',
      outstandingPrincipal: '4308.91',
      moratoryInterestDue: '0.00',
      daysPastDue: 121,
    });
    expect(await api.events('loan.repayment_recorded', loanId)).toEqual([
      expect.objectContaining({
        loanStatus: 'claimed',
        outstandingPrincipal: '4308.91',
        amount: '100.00',
      }),
    ]);
  });

  it('lists loans by class and status', async () => {
    const response = await system
      .http()
      .get('/api/loans')
      .query({ classification: 'perdida', status: 'claimed' })
      .set('Authorization', `Bearer ${tokens.manager}`)
      .expect(200);
    expect(response.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(response.body.items[0]).toMatchObject({ id: loanId, classification: 'perdida' });
    expect(response.body.items[0].schedule).toBeUndefined();
  });
});
