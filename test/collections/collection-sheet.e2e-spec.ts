import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { RepaymentApi, startRepaymentSystem, Tokens } from '../repayment/repayment-api';
import { parseCsv } from '../support/csv';
import { disburseLoan, LoanOptions } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';

/**
 * The collection sheet (GET /api/collections) over five loans of PEN 1,000.00 at TEA 18 % over 3
 * months, moratory TEA 10 %. Disbursed 2026-01-15, their French schedule is
 *   1  2026-02-15  principal 328.74  interest 13.89  installment 342.63
 *   2  2026-03-15  principal 333.31  interest  9.32  installment 342.63
 *   3  2026-04-15  principal 337.95  interest  4.69  installment 342.64
 * (loan D, disbursed 2026-02-01, has the same lines due 2026-03-01, 04-01, 05-01).
 * Moratory interest per day: overdue principal × (1.10^(1/360) − 1 = 0.000264785549), rounded:
 *   on 328.74 → 0.0870 → 0.09;  on 243.08 → 0.0644 → 0.06.
 *
 *   A  Familia Mamani    Ocongate        officer   never pays
 *   B  Familia Ccori     Ccatca          officer2  pays 100.00 on 02-20
 *   C  Familia Huamán    Andahuaylillas  officer2  pays installment 1 on time
 *   D  Familia Condori   Ocongate        officer   disbursed 02-01, never pays
 *   E  Familia Apaza     Ocongate        officer   never pays, written off on 02-20
 * The business date is 2026-02-20.
 */
describe('Collection sheet: what each family owes on a date, to the céntimo', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;
  const loans: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = {} as never;

  const sheet = (query = '', token = tokens.officer) =>
    system.http().get(`/api/collections${query}`).set('Authorization', `Bearer ${token}`);
  const disburse = async (options: LoanOptions) =>
    (
      await disburseLoan(system, tokens.officer, {
        principal: '1000.00',
        termMonths: 3,
        documentId: String(40000000 + Math.floor(Math.random() * 9999999)),
        ...options,
      })
    ).loanId;

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('collections', '2026-01-15'));
    api = new RepaymentApi(system, tokens);
    const family = (enterpriseName: string, municipality: string, registeredBy: string) => ({
      enterpriseName,
      municipality,
      registeredBy,
    });
    loans.A = await disburse(family('Familia Mamani', 'Ocongate', 'officer'));
    loans.B = await disburse(family('Familia Ccori', 'Ccatca', 'officer2'));
    loans.C = await disburse(family('Familia Huamán', 'Andahuaylillas', 'officer2'));
    loans.E = await disburse(family('Familia Apaza', 'Ocongate', 'officer'));
    await api.closeTo('2026-02-01');
    loans.D = await disburse({
      ...family('Familia Condori', 'Ocongate', 'officer'),
      disbursedOn: '2026-02-01',
    });
    await api.closeTo('2026-02-15');
    await api
      .repay(loans.C, { amount: '342.63', paidOn: '2026-02-15', externalRef: 'C-1' })
      .expect(201);
    await api.closeTo('2026-02-20');
    const partial = await api
      .repay(loans.B, { amount: '100.00', paidOn: '2026-02-20', externalRef: 'B-1' })
      .expect(201);
    // 100.00 = moratory 0.45 (5 days × 0.09) + interest 13.89 + principal 85.66: 243.08 left of 328.74
    expect(partial.body.allocated).toEqual({
      moratoryInterest: '0.45',
      interest: '13.89',
      principal: '85.66',
      prepayment: '0.00',
    });
    await api.writeOff(loans.E, 'Family moved to Lima').expect(200);
    const d = await api.loan(loans.D);
    expect(d.schedule[0]).toMatchObject({
      dueDate: '2026-03-01',
      principal: '328.74',
      interest: '13.89',
    });
  });
  afterAll(() => system?.close());

  const item = (loan: keyof typeof loans) => expect.objectContaining({ loanId: loans[loan] });

  it('on the business date (the default): the loans behind, what they owe now', async () => {
    const { body } = await sheet().expect(200);
    // A: 342.63 + moratory 0.45 = 343.08; B: 243.08 left of installment 1 (its moratory was paid).
    // C is up to date, D owes nothing before 03-01, E is written off. 343.08 + 243.08 = 586.16.
    expect(body).toEqual({
      date: '2026-02-20',
      items: [
        {
          loanId: loans.B,
          reference: expect.stringMatching(/^QL-/),
          enterprise: { name: 'Familia Ccori', municipality: 'Ccatca' },
          dueDate: '2026-02-15',
          amountDue: '243.08',
          daysPastDue: 5,
        },
        {
          loanId: loans.A,
          reference: expect.stringMatching(/^QL-/),
          enterprise: { name: 'Familia Mamani', municipality: 'Ocongate' },
          dueDate: '2026-02-15',
          amountDue: '343.08',
          daysPastDue: 5,
        },
      ],
      total: 2,
      amountDue: '586.16',
    });
  });

  // What falls due by 03-15, and the moratory interest the closes of 02-21 … 03-15 would add:
  //   C  installment 2                                   342.63                  DPD 0
  //   B  243.08 + 342.63 + 23 days × 0.06 (1.38)          587.09  due 02-15      DPD 28
  //   A  342.63 + 342.63 + 0.45 + 23 days × 0.09 (2.07)    687.78  due 02-15      DPD 28
  //   D  342.63 + 14 days (03-02 … 03-15) × 0.09 (1.26)    343.89  due 03-01      DPD 14
  // by municipality, then due date: Andahuaylillas C, Ccatca B, Ocongate A then D.
  // Σ 342.63 + 587.09 + 687.78 + 343.89 = 1961.39
  const projected = [
    { loan: 'C', dueDate: '2026-03-15', amountDue: '342.63', daysPastDue: 0 },
    { loan: 'B', dueDate: '2026-02-15', amountDue: '587.09', daysPastDue: 28 },
    { loan: 'A', dueDate: '2026-02-15', amountDue: '687.78', daysPastDue: 28 },
    { loan: 'D', dueDate: '2026-03-01', amountDue: '343.89', daysPastDue: 14 },
  ] as const;

  it('on a later date: what will be due then, moratory interest projected', async () => {
    const { body } = await sheet('?date=2026-03-15').expect(200);
    expect(body.date).toBe('2026-03-15');
    expect(
      body.items.map(
        (i: { loanId: string; dueDate: string; amountDue: string; daysPastDue: number }) => ({
          loanId: i.loanId,
          dueDate: i.dueDate,
          amountDue: i.amountDue,
          daysPastDue: i.daysPastDue,
        }),
      ),
    ).toEqual(projected.map(({ loan, ...rest }) => ({ loanId: loans[loan], ...rest })));
    expect(body.total).toBe(4);
    expect(body.amountDue).toBe('1961.39');
  });

  it('filters by municipality (case ignored) and by the officer who registered the application', async () => {
    const ocongate = (await sheet('?date=2026-03-15&municipality=ocongate').expect(200)).body;
    // 687.78 + 343.89
    expect(ocongate.items).toEqual([item('A'), item('D')]);
    expect(ocongate).toMatchObject({ total: 2, amountDue: '1031.67' });

    const officer2 = (await sheet('?date=2026-03-15&officer=officer2').expect(200)).body;
    // 342.63 + 587.09
    expect(officer2.items).toEqual([item('C'), item('B')]);
    expect(officer2).toMatchObject({ total: 2, amountDue: '929.72' });

    const none = (
      await sheet('?date=2026-03-15&municipality=Ocongate&officer=officer2').expect(200)
    ).body;
    expect(none).toEqual({ date: '2026-03-15', items: [], total: 0, amountDue: '0.00' });
  });

  it('as CSV: the items, in order, amounts as decimal strings', async () => {
    const response = await sheet('?date=2026-03-15')
      .set('Accept', 'text/csv')
      .expect(200)
      .expect('Content-Type', 'text/csv; charset=utf-8')
      .expect('Content-Disposition', 'attachment; filename="collection-sheet-2026-03-15.csv"');
    const { header, rows } = parseCsv(response.text);
    expect(header).toEqual([
      'loanId',
      'reference',
      'enterprise.name',
      'enterprise.municipality',
      'dueDate',
      'amountDue',
      'daysPastDue',
    ]);
    expect(rows.map((row) => [row.loanId, row['enterprise.name'], row.amountDue])).toEqual([
      [loans.C, 'Familia Huamán', '342.63'],
      [loans.B, 'Familia Ccori', '587.09'],
      [loans.A, 'Familia Mamani', '687.78'],
      [loans.D, 'Familia Condori', '343.89'],
    ]);
  });

  it('refuses a date before the business date (422) and a bad query (400)', async () => {
    const past = await sheet('?date=2026-02-19').expect(422);
    expect(past.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(past.body.message).toContain('2026-02-20');
    await sheet('?date=2026-02-30').expect(400);
    await sheet('?officer=a%20b').expect(400);
    await sheet('?municipality=').expect(400);
    await sheet('?page=1').expect(400);
  });

  it('is for loan officers, fund managers and admins; not for families', async () => {
    await sheet('', tokens.manager).expect(200);
    await sheet('', tokens.admin).expect(200);
    const enterpriseId = randomUUID();
    const family = await system
      .app('gateway')
      .get(JwtService)
      .signAsync({ sub: enterpriseId, name: 'QL-FAMILY', role: 'enterprise', enterpriseId });
    await sheet('', family).expect(403);
    await sheet('', family).set('Accept', 'text/csv').expect(403);
    await system.http().get('/api/collections').expect(401);
  });

  it('the projection is what the closes then charge', async () => {
    await api.closeTo('2026-03-15');
    const { body } = await sheet().expect(200);
    expect(body.date).toBe('2026-03-15');
    expect(
      body.items.map((i: { loanId: string; amountDue: string; daysPastDue: number }) => [
        i.loanId,
        i.amountDue,
        i.daysPastDue,
      ]),
    ).toEqual(projected.map((p) => [loans[p.loan], p.amountDue, p.daysPastDue]));
    // A's moratory interest, accrued by the closes: 0.45 + 2.07
    expect((await api.loan(loans.A)).moratoryInterestDue).toBe('2.52');
  });
});
