import { Decimal } from '@qollqa/money';
import { eventually } from '../support/eventually';
import { disburseLoan } from '../support/loan-factory';
import { rebuildPortfolioFromStream } from '../support/rebuild-portfolio';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, Tokens } from './repayment-api';

/**
 * Reprogramming one loan (SPEC.md, "Reprogramming"), through the HTTP API against the real repayment,
 * portfolio and credit-scoring services. Every loan: PEN 6,000.00 at TEA 18 % over 12 months,
 * disbursed 2026-01-15 (installments on the 15th), moratory TEA 10 %, coverage 70 %.
 *
 * The loan that matters never pays: at the close of 2026-03-07 it is 20 days past due (installment 1
 * of 2026-02-15), class CPP, and is reprogrammed with 3 months of extension and 2 of grace.
 */
describe('Reprogramming a loan', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;
  const loans = { frost: '', paying: '', late: '', twice: '' };

  // The arithmetic of SPEC.md written out here, independently of libs/money's schedule code.
  const i = new Decimal(1.18).pow(new Decimal(1).div(12)).minus(1); // monthly rate
  const daily = new Decimal(1.1).pow(new Decimal(1).div(360)).minus(1); // daily moratory rate
  const round = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const annuity = (principal: Decimal, periods: number) =>
    round(principal.mul(i).div(new Decimal(1).minus(i.plus(1).pow(-periods))));
  const money = (d: Decimal) => d.toFixed(2);
  const on15th = (year: number, month: number) =>
    new Date(Date.UTC(year, month - 1, 15)).toISOString().slice(0, 10);

  const reprogram = (loanId: string, body: Record<string, unknown>, token = tokens.manager) =>
    system
      .http()
      .post(`/api/loans/${loanId}/reprogramming`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const preview = (loanId: string, body: Record<string, unknown>, token = tokens.manager) =>
    system
      .http()
      .post(`/api/loans/${loanId}/reprogramming/preview`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  let previewed: { schedule: Record<string, unknown>[] } & Record<string, unknown>;
  const frost = {
    reason: 'climate_event',
    note: 'Helada del 3 de marzo: se perdió el pasto y bajó la producción de leche',
    extensionMonths: 3,
    graceMonths: 2,
  };
  const summary = async () =>
    (
      await system
        .http()
        .get('/api/portfolio/summary')
        .set('Authorization', `Bearer ${tokens.manager}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({
      services: ['gateway', 'repayment', 'portfolio', 'credit-scoring'],
      label: 'reprogramming',
    });
    const [officer, manager, admin] = await Promise.all([
      system.token('officer'),
      system.token('manager'),
      system.token('admin'),
    ]);
    tokens = { officer, manager, admin };
    api = new RepaymentApi(system, tokens);
    for (const name of Object.keys(loans) as (keyof typeof loans)[]) {
      ({ loanId: loans[name] } = await disburseLoan(system, tokens.officer, {
        principal: '6000.00',
        termMonths: 12,
        disbursedOn: '2026-01-15',
        municipality: name === 'frost' ? 'Ocongate' : 'Ccatca',
      }));
    }
    // Everyone but the frost and the late loan pays installment 1 on its due date.
    await api.closeTo('2026-02-15');
    for (const name of ['paying', 'twice'] as const) {
      const loan = await api.loan(loans[name]);
      await api
        .repay(loans[name], {
          amount: loan.nextInstallment.amountDue,
          paidOn: '2026-02-15',
          externalRef: `RCPT-${name}-1`,
        })
        .expect(201);
    }
    await api.closeTo('2026-03-07');
  });
  afterAll(() => system?.close());

  it('is at 20 days past due, class CPP, with moratory interest accrued, before', async () => {
    const loan = await api.loan(loans.frost);
    // Installment 1: interest 6000.00 × i = 83.33, principal A − 83.33; overdue from Feb 16 to
    // Mar 7 (20 closes), one day of moratory interest on its principal at each, rounded per day.
    const principal1 = annuity(new Decimal(6000), 12).minus(round(new Decimal(6000).mul(i)));
    const moratory = round(principal1.mul(daily)).mul(20);
    expect(loan).toMatchObject({
      daysPastDue: 20,
      classification: 'cpp',
      moratoryInterestDue: money(moratory),
      reprogrammed: false,
      reprogrammings: [],
    });
    expect(money(moratory)).toBe('2.40');
  });

  it('refuses a loan officer (403), an extension of 7 and grace beyond the extension (400)', async () => {
    const officer = await reprogram(loans.frost, frost, tokens.officer).expect(403);
    expect(officer.body.code).toBe('ROLE_NOT_ALLOWED');
    const seven = await reprogram(loans.frost, { ...frost, extensionMonths: 7 }).expect(400);
    expect(seven.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(seven.body.message.join()).toMatch(/extensionMonths/);
    const grace = await reprogram(loans.frost, { ...frost, extensionMonths: 2, graceMonths: 3 })
      .set('Accept-Language', 'es')
      .expect(400);
    expect(grace.body.message).toEqual(['graceMonths no puede ser mayor que extensionMonths']);
    const reason = await reprogram(loans.frost, { ...frost, reason: 'frost' }).expect(400);
    expect(reason.body.code).toBe('VALIDATION_FAILED');
    await reprogram('00000000-0000-4000-8000-000000000000', frost).expect(404);
    // Nothing changed.
    expect(await api.loan(loans.frost)).toMatchObject({ daysPastDue: 20, reprogrammed: false });
  });

  it('previews the reprogramming for a fund manager only, changing nothing', async () => {
    const officer = await preview(loans.frost, frost, tokens.officer).expect(403);
    expect(officer.body.code).toBe('ROLE_NOT_ALLOWED');
    await preview(loans.frost, { ...frost, extensionMonths: 7 }).expect(400);
    await preview('00000000-0000-4000-8000-000000000000', frost).expect(404);

    const before = await api.loan(loans.frost);
    const { body } = await preview(loans.frost, frost).expect(200);
    previewed = body;
    // Installment 1's interest 83.33 + moratory 2.40 deferred; 12 replaced + 3 = 15 new lines.
    expect(body).toMatchObject({
      loanId: loans.frost,
      reference: before.reference,
      businessDate: '2026-03-07',
      outstandingPrincipal: '6000.00',
      deferredInterest: '85.73',
      deferredMoratoryInterest: '2.40',
      replacedInstallments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      termMonthsBefore: 12,
      termMonthsAfter: 16,
      nextInstallment: { number: 13, dueDate: '2026-03-15', amountDue: '83.33' },
    });
    expect(body.schedule).toHaveLength(15);
    expect(body.schedule[2]).toMatchObject({ interest: '89.92', deferredInterest: '6.59' });
    // Previewing twice is the same, and the loan is as it was: nothing was written.
    expect((await preview(loans.frost, frost).expect(200)).body).toEqual(body);
    expect(await api.loan(loans.frost)).toEqual(before);
    expect(await api.events('loan.reprogrammed', loans.frost)).toEqual([]);
  });

  it('replaces every unpaid installment and builds the new schedule SPEC.md defines, to the céntimo', async () => {
    const before = await api.loan(loans.frost);
    const { body: loan } = await reprogram(loans.frost, frost).expect(200);

    // Installments 1–12, none fully paid, are replaced: closed at what was paid on them (nothing).
    expect(loan.schedule.slice(0, 12)).toEqual(
      before.schedule.map((line: { number: number; dueDate: string }) => ({
        number: line.number,
        dueDate: line.dueDate,
        principal: '0.00',
        interest: '0.00',
        installment: '0.00',
        paidPrincipal: '0.00',
        paidInterest: '0.00',
        status: 'rescheduled',
      })),
    );
    // u = 12 replaced, e = 3: m = 15 new installments, 13 … 27, due on the 15th from the first due
    // date after 2026-03-07 (2026-03-15). P = 6000.00. The first g = 2 are interest only; the other
    // 13 are French on P over 13 periods. Deferred: installment 1's interest 83.33 + moratory 2.40
    // = 85.73, split over the 13: 85.73 / 13 rounded down = 6.59, the last 85.73 − 12 × 6.59 = 6.65.
    const deferred = round(new Decimal(6000).mul(i)).plus('2.40');
    const part = deferred.div(13).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const a = annuity(new Decimal(6000), 13);
    let outstanding = new Decimal('6000.00');
    const expected = Array.from({ length: 15 }, (_, k) => {
      const ordinary = round(outstanding.mul(i));
      const grace = k < 2;
      const principal = grace ? new Decimal(0) : k === 14 ? outstanding : a.minus(ordinary);
      const deferredPart = grace ? new Decimal(0) : k === 14 ? deferred.minus(part.mul(12)) : part;
      outstanding = outstanding.minus(principal);
      return {
        number: 13 + k,
        dueDate: on15th(2026, 3 + k),
        principal: money(principal),
        interest: money(ordinary.plus(deferredPart)),
        installment: money(principal.plus(ordinary).plus(deferredPart)),
        paidPrincipal: '0.00',
        paidInterest: '0.00',
        status: 'pending',
      };
    });
    expect(loan.schedule.slice(12)).toEqual(expected);
    expect(outstanding.isZero()).toBe(true);
    // What the fund manager previewed is what was made.
    expect(
      previewed.schedule.map(({ number, dueDate, principal, interest, installment }) => ({
        number,
        dueDate,
        principal,
        interest,
        installment,
      })),
    ).toEqual(
      expected.map(({ number, dueDate, principal, interest, installment }) => ({
        number,
        dueDate,
        principal,
        interest,
        installment,
      })),
    );
    // The figures the SPEC's example gives.
    expect(expected.slice(0, 3).map((line) => [line.interest, line.installment])).toEqual([
      ['83.33', '83.33'],
      ['83.33', '83.33'],
      ['89.92', '514.24'], // 83.33 + 6.59; A = 507.65
    ]);
    expect(expected[14]).toMatchObject({ dueDate: '2027-05-15' });
    const total = (field: 'principal' | 'interest') =>
      money(
        loan.schedule.reduce(
          (sum: Decimal, line: Record<string, string>) => sum.plus(line[field]),
          new Decimal(0),
        ),
      );
    expect(total('principal')).toBe('6000.00');

    expect(loan).toMatchObject({
      status: 'active',
      outstandingPrincipal: '6000.00',
      daysPastDue: 0,
      classification: 'cpp', // kept: not better than at the reprogramming
      moratoryInterestDue: '0.00',
      maxDaysPastDue: 20,
      termMonths: 16, // the last installment is 16 months after the disbursement
      nextInstallment: { number: 13, dueDate: '2026-03-15', amountDue: '83.33' },
      reprogrammed: true,
      reprogrammings: [
        {
          on: '2026-03-07',
          reason: 'climate_event',
          note: frost.note,
          extensionMonths: 3,
          graceMonths: 2,
          by: 'manager',
          classificationKept: 'cpp',
          daysPastDue: 20,
          replacedInstallments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
          deferredInterest: '85.73',
          emergencyId: null,
          at: expect.any(String),
        },
      ],
    });
  });

  it('announces loan.reprogrammed as the loan’s next version, with its new state', async () => {
    const rows = await system.query<{ type: string; version: number; payload: never }>(
      `SELECT type, (envelope->>'aggregateVersion')::int AS version, envelope->'payload' AS payload
       FROM repayment.outbox WHERE envelope->>'aggregateId' = $1 ORDER BY seq`,
      [loans.frost],
    );
    // loan.disbursed was version 1; DPD > 1 and ≥ 9 were crossed (2, 3); the reprogramming is 4.
    expect(rows.map((row) => [row.type, row.version])).toEqual([
      ['loan.delinquency_changed', 2],
      ['loan.delinquency_changed', 3],
      ['loan.reprogrammed', 4],
    ]);
    const [{ version }] = await system.query<{ version: number }>(
      'SELECT version FROM repayment.loan WHERE id = $1',
      [loans.frost],
    );
    expect(version).toBe(4);
    expect(rows[2].payload).toMatchObject({
      loanId: loans.frost,
      businessDate: '2026-03-07',
      reason: 'climate_event',
      extensionMonths: 3,
      graceMonths: 2,
      by: 'manager',
      classificationKept: 'cpp',
      deferredInterest: '85.73',
      deferredMoratoryInterest: '2.40',
      termMonths: 16,
      nextInstallment: { number: 13, dueDate: '2026-03-15', amountDue: '83.33' },
      loan: {
        status: 'active',
        outstandingPrincipal: '6000.00',
        daysPastDue: 0,
        classification: 'cpp',
        claimed: false,
        reprogrammed: true,
      },
    });
  });

  it('a repayment recorded before a reprogramming can no longer be reversed (409)', async () => {
    const recorded = await api
      .repay(loans.twice, { amount: '100.00', paidOn: '2026-03-07', externalRef: 'RCPT-twice-2' })
      .expect(201);
    await reprogram(loans.twice, { ...frost, extensionMonths: 1, graceMonths: 0 }).expect(200);
    const reversal = await system
      .http()
      .post(`/api/loans/${loans.twice}/repayments/${recorded.body.id}/reversal`)
      .set('Authorization', `Bearer ${tokens.manager}`)
      .send({ reason: 'Recibo equivocado' })
      .expect(409);
    expect(reversal.body.code).toBe('REPAYMENT_BEFORE_REPROGRAMMING');
  });

  it('refuses a third reprogramming (422)', async () => {
    await reprogram(loans.twice, { ...frost, extensionMonths: 1, graceMonths: 1 }).expect(200);
    const third = await reprogram(loans.twice, frost).set('Accept-Language', 'en').expect(422);
    // The preview refuses it the same way.
    expect((await preview(loans.twice, frost).expect(422)).body.code).toBe(
      'REPROGRAMMING_LIMIT_REACHED',
    );
    expect(third.body).toMatchObject({
      code: 'REPROGRAMMING_LIMIT_REACHED',
      message: expect.stringMatching(/reprogrammed 2 times already: at most 2/),
    });
    expect((await api.loan(loans.twice)).reprogrammings).toHaveLength(2);
  });

  it('takes repayments on the new schedule: the first new installment on its due date', async () => {
    await reprogram(loans.paying, { ...frost, extensionMonths: 2, graceMonths: 0 }).expect(200);
    await api.closeTo('2026-03-15');
    const loan = await api.loan(loans.paying);
    const first = loan.schedule.find((line: { status: string }) => line.status === 'pending');
    expect(loan.nextInstallment).toEqual({
      number: first.number,
      dueDate: '2026-03-15',
      amountDue: first.installment,
    });
    const paid = await api
      .repay(loans.paying, {
        amount: first.installment,
        paidOn: '2026-03-15',
        externalRef: 'RCPT-paying-2',
      })
      .expect(201);
    expect(paid.body.allocated).toEqual({
      moratoryInterest: '0.00',
      interest: first.interest,
      principal: first.principal,
      prepayment: '0.00',
    });
    const after = paid.body.loan;
    expect(
      after.schedule.find((line: { number: number }) => line.number === first.number),
    ).toMatchObject({ status: 'paid' });
    expect(after).toMatchObject({ daysPastDue: 0, classification: 'normal', reprogrammed: true });
  });

  it('shows the reprogrammed loans in the portfolio, and a rebuild from the stream gives the same', async () => {
    // frost (6000.00, CPP), paying and twice (less what they paid).
    const loansNow = await Promise.all(
      [loans.frost, loans.paying, loans.twice].map((id) => api.loan(id)),
    );
    const outstanding = loansNow.reduce(
      (sum, loan) => sum.plus(loan.outstandingPrincipal),
      new Decimal(0),
    );
    const live = await eventually(async () => {
      const figures = await summary();
      expect(figures.reprogrammed).toEqual({ loans: 3, outstanding: money(outstanding) });
      return figures;
    });
    // CPP: the frost loan (kept) and the late one (28 days past due).
    expect(live.byClassification.cpp.loans).toBe(2);
    expect(live.activeLoans).toBe(4);
    await system.settle();
    const rebuilt = await rebuildPortfolioFromStream(system);
    expect(rebuilt).toEqual(await summary());
    expect(rebuilt.reprogrammed).toEqual(live.reprogrammed);
  });

  it('later ages as any loan: the class kept until its DPD gives a worse one, then claimed at 90', async () => {
    // Installment 13 (grace, 83.33 of interest) is not paid on 2026-03-15: DPD 1 the next day, still
    // CPP; no moratory interest while only interest is overdue.
    await api.closeTo('2026-03-16');
    expect(await api.loan(loans.frost)).toMatchObject({
      daysPastDue: 1,
      classification: 'cpp',
      moratoryInterestDue: '0.00',
    });
    await api.closeTo('2026-04-16');
    expect(await api.loan(loans.frost)).toMatchObject({
      daysPastDue: 32,
      classification: 'deficiente',
      moratoryInterestDue: '0.00',
    });
    // The late loan never paid: 60 days past due, too late for a reprogramming.
    const late = await reprogram(loans.late, frost).set('Accept-Language', 'es').expect(422);
    expect(late.body).toMatchObject({
      code: 'TOO_MANY_DAYS_PAST_DUE',
      message:
        'El préstamo ' +
        (await api.loan(loans.late)).reference +
        ' tiene 60 días de atraso: solo se reprograma un préstamo con 30 días de atraso como máximo',
    });

    // 2026-06-13: 90 days after 2026-03-15, the claim threshold. Installment 15 (principal
    // A − 83.33) has been overdue since 2026-05-16: 29 closes of moratory interest on it.
    await api.closeTo('2026-06-13');
    const principal15 = annuity(new Decimal(6000), 13).minus(round(new Decimal(6000).mul(i)));
    const loan = await api.loan(loans.frost);
    expect(loan).toMatchObject({
      status: 'claimed',
      daysPastDue: 90,
      classification: 'dudoso',
      claimedOn: '2026-06-13',
      claimAmount: '4200.00', // 0.70 × 6000.00
      moratoryInterestDue: money(round(principal15.mul(daily)).mul(29)),
    });
    const [claim] = await api.events<{ claimAmount: string }>('loan.claimed', loans.frost);
    expect(claim.claimAmount).toBe('4200.00');
    // A claimed loan is not reprogrammed.
    const claimed = await reprogram(loans.frost, frost).expect(422);
    expect(claimed.body.code).toBe('LOAN_NOT_ACTIVE');
  });

  it('counts its later arrears in the family’s credit history, and stays reprogrammed in the portfolio', async () => {
    const [loan] = await system.query<{ enterprise_id: string }>(
      'SELECT enterprise_id FROM repayment.loan WHERE id = $1',
      [loans.frost],
    );
    await eventually(async () => {
      const [history] = await system.query<{ max_days_past_due: number }>(
        'SELECT max_days_past_due FROM credit_scoring.credit_history WHERE enterprise_id = $1',
        [loan.enterprise_id],
      );
      // The thresholds it crossed after the reprogramming (> 1, ≥ 9, ≥ 31, ≥ 61): arrears over 30
      // days, which the scorecard counts against the family (PAST_ARREARS), as any arrears.
      expect(history.max_days_past_due).toBe(61);
    });
    const reprogrammed = await Promise.all(
      [loans.frost, loans.paying, loans.twice].map((id) => api.loan(id)),
    );
    await eventually(async () => {
      const figures = await summary();
      expect(figures.reprogrammed).toEqual({
        loans: 3,
        outstanding: money(
          reprogrammed.reduce((sum, l) => sum.plus(l.outstandingPrincipal), new Decimal(0)),
        ),
      });
    });
    // Each close keeps the figure in the history.
    await eventually(async () => {
      const history = await system
        .http()
        .get('/api/portfolio/history?from=2026-06-13&to=2026-06-13')
        .set('Authorization', `Bearer ${tokens.manager}`)
        .expect(200);
      expect(history.body).toHaveLength(1);
      expect(history.body[0].reprogrammed.loans).toBe(3);
    });
  });
});
