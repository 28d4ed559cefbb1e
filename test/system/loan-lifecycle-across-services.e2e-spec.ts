import { SERVICE_NAMES } from '@qollqa/config';
import { Decimal, formatMoney, formatRatio, roundMoney } from '@qollqa/money';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { rebuildPortfolioFromStream } from '../support/rebuild-portfolio';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/**
 * The whole programme through the public API, every service running: three families are paid out,
 * one repays on time, one pays early and finishes, one never pays and is claimed at 90 days, then pays
 * a little. At the end, the portfolio agrees to the céntimo with the loans and funds routes, the books
 * balance, and the read model rebuilt from the stream gives the same figures.
 */
describe('A loan portfolio across every service', () => {
  let system: TestSystem;
  let staff: StaffClient;
  const loans: Record<'dairy' | 'guineaPig' | 'mushroom', string> = {
    dairy: '',
    guineaPig: '',
    mushroom: '',
  };

  const as = (role: 'officer' | 'manager' | 'admin') => staff.as(role);
  const loan = async (id: string) => (await as('officer').get(`/api/loans/${id}`).expect(200)).body;
  const closeTo = (date: string) =>
    as('admin').post('/api/admin/close-of-business', { date }).expect(200);
  const repay = (id: string, amount: string, paidOn: string, externalRef: string) =>
    as('officer').post(`/api/loans/${id}/repayments`, { amount, paidOn, externalRef }).expect(201);

  const payOut = (body: ReturnType<typeof applicationBody>) => staff.payOut(body);

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-10';
    system = await TestSystem.start({
      services: [...SERVICE_NAMES],
      label: 'lifecycle',
    });
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('100000.00', 'BN-LIFE');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-LIFE');

    loans.dairy = await payOut(applicationBody({ enterprise: { documentId: newDocumentId() } }));
    loans.guineaPig = await payOut(
      applicationBody({
        enterprise: {
          documentId: newDocumentId(),
          valueChain: 'guinea_pig',
          municipality: 'Ccatca',
          womenLed: false,
        },
        request: { amount: '3000.00', termMonths: 12, innovation: undefined },
      }),
    );
    loans.mushroom = await payOut(
      applicationBody({
        enterprise: { documentId: newDocumentId(), valueChain: 'mushroom', municipality: 'Ccatca' },
        request: { amount: '2000.00', termMonths: 6, innovation: undefined },
      }),
    );
  });
  afterAll(() => system?.close());

  it('pays the three loans out on the business date with API.md’s loan shape', async () => {
    const dairy = await loan(loans.dairy);
    expect(dairy).toMatchObject({
      status: 'active',
      principal: '6000.00',
      tea: '0.18',
      termMonths: 18,
      disbursedOn: '2026-01-10',
      coverage: '0.70',
      guaranteeFee: '63.00',
      grant: '3000.00',
      outstandingPrincipal: '6000.00',
      daysPastDue: 0,
      classification: 'normal',
    });
    expect(dairy.schedule[0]).toMatchObject({
      number: 1,
      dueDate: '2026-02-10',
      installment: '379.03',
      status: 'pending',
    });
    const funds = (await as('manager').get('/api/funds').expect(200)).body;
    // Fees: 1.5 % of 4200.00 + 2100.00 + 1400.00 = 63.00 + 31.50 + 21.00 = 115.50.
    expect(funds.guarantee).toMatchObject({ feesEarned: '115.50', exposure: '7700.00' });
    expect(funds.lendingPool).toMatchObject({ disbursed: '11000.00', outstanding: '11000.00' });
  });

  it('lives a season: on-time payments, an early payoff, a claim at 90 days and a recovery', async () => {
    await closeTo('2026-02-10');
    const firstDairy = (await loan(loans.dairy)).schedule[0].installment;
    await repay(loans.dairy, firstDairy, '2026-02-10', 'RCPT-D1');
    await repay(
      loans.mushroom,
      (await loan(loans.mushroom)).schedule[0].installment,
      '2026-02-10',
      'RCPT-M1',
    );

    await closeTo('2026-03-01');
    const mushroom = await loan(loans.mushroom);
    const payoff = await repay(
      loans.mushroom,
      mushroom.outstandingPrincipal,
      '2026-03-01',
      'RCPT-M2',
    );
    expect(payoff.body.loan.status).toBe('repaid');

    for (const [n, date] of [
      [1, '2026-03-10'],
      [2, '2026-04-10'],
      [3, '2026-05-10'],
    ] as const) {
      await closeTo(date);
      await repay(
        loans.dairy,
        (await loan(loans.dairy)).schedule[n].installment,
        date,
        `RCPT-D${n + 1}`,
      );
    }

    await closeTo('2026-05-11'); // the guinea-pig loan: due 2026-02-10, 90 days later unpaid
    const claimed = await loan(loans.guineaPig);
    expect(claimed).toMatchObject({
      status: 'claimed',
      daysPastDue: 90,
      classification: 'dudoso',
      outstandingPrincipal: '3000.00',
    });
    await repay(loans.guineaPig, '500.00', '2026-05-11', 'RCPT-G1');

    await eventually(async () => {
      const funds = (await as('manager').get('/api/funds').expect(200)).body;
      // Claim 0.70 × 3000.00 = 2100.00; the fund's share of 500.00 paid after it: 0.70 × 500.00 = 350.00.
      expect(funds.guarantee).toMatchObject({ claimsPaid: '2100.00', recoveries: '350.00' });
    });
  });

  it('shows the same portfolio in every view, to the céntimo', async () => {
    const [dairy, guineaPig, mushroom] = await Promise.all([
      loan(loans.dairy),
      loan(loans.guineaPig),
      loan(loans.mushroom),
    ]);
    expect(mushroom.status).toBe('repaid');
    const gross = new Decimal(dairy.outstandingPrincipal).plus(guineaPig.outstandingPrincipal);
    // The read model follows the stream: wait until every event has been published and taken in.
    await system.settle();
    const summary = (await as('manager').get('/api/portfolio/summary').expect(200)).body;
    const funds = (await as('manager').get('/api/funds').expect(200)).body;
    expect(summary).toMatchObject({ asOf: '2026-05-11', grossPortfolio: formatMoney(gross) });

    expect(summary).toMatchObject({
      activeLoans: 2,
      // The claimed loan is at exactly 90 days past due: past 1 and 30, not past 90.
      par1: formatRatio(new Decimal(guineaPig.outstandingPrincipal).div(gross), 4),
      par30: formatRatio(new Decimal(guineaPig.outstandingPrincipal).div(gross), 4),
      par90: '0.0000',
      enterprisesFinanced: 3,
      womenLed: 2,
    });
    expect(summary.byClassification.normal).toMatchObject({
      loans: 1,
      outstanding: dairy.outstandingPrincipal,
    });
    expect(summary.byClassification.dudoso).toMatchObject({
      loans: 1,
      outstanding: guineaPig.outstandingPrincipal,
      provision: formatMoney(roundMoney(new Decimal(guineaPig.outstandingPrincipal).mul('0.60'))),
    });
    // The lending pool's principal outstanding is the portfolio (nothing written off).
    expect(funds.lendingPool.outstanding).toBe(summary.grossPortfolio);
    // The fund's exposure is the active guarantee only: 0.70 × the dairy loan's outstanding.
    expect(funds.guarantee.exposure).toBe(
      formatMoney(roundMoney(new Decimal(dairy.outstandingPrincipal).mul('0.70'))),
    );
    expect(summary.concentration.guaranteeFund).toMatchObject({
      exposure: funds.guarantee.exposure,
      availableCapital: funds.guarantee.availableCapital,
      leverageLimit: funds.guarantee.leverageLimit,
    });
    const listed = (await as('officer').get('/api/loans?pageSize=100').expect(200)).body;
    const inPortfolio = listed.items.filter((l: { status: string }) =>
      ['active', 'claimed'].includes(l.status),
    );
    const listedGross = inPortfolio.reduce(
      (sum: Decimal, l: { outstandingPrincipal: string }) => sum.plus(l.outstandingPrincipal),
      new Decimal(0),
    );
    expect(formatMoney(listedGross)).toBe(summary.grossPortfolio);
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
  });

  it("remembers the mushroom family's repaid loan for its next score", async () => {
    const rows = await system.query<{ loans_repaid: number }>(
      'SELECT loans_repaid FROM credit_scoring.credit_history WHERE loans_repaid > 0',
    );
    expect(rows).toEqual([{ loans_repaid: 1 }]);
  });

  it('rebuilds the portfolio from the stream with identical figures and history', async () => {
    await system.settle();
    const before = (await as('manager').get('/api/portfolio/summary').expect(200)).body;
    const history = (await as('manager').get('/api/portfolio/history').expect(200)).body;
    expect(history.map((row: { asOf: string }) => row.asOf)).toContain('2026-05-11');
    expect(await rebuildPortfolioFromStream(system)).toEqual(before);
    expect((await as('manager').get('/api/portfolio/history').expect(200)).body).toEqual(history);
  });

  it('delivers the repayment service only what it handles: the three payouts, not the whole season', async () => {
    await system.settle();
    const repayment = await system.consumerState('repayment');
    expect(repayment.filterSubject).toBe(`${system.prefix}.events.loan.disbursed`);
    // Three loans paid out, each announced once: three deliveries, none redelivered.
    expect(repayment.deliveries).toBe(3);
    // The stream holds every other event of the season too (applications, repayments, the claim).
    expect(repayment.streamMessages).toBeGreaterThan(20);
    // A service that handles several kinds of event still takes them all and skips the rest.
    const portfolio = await system.consumerState('portfolio');
    expect(portfolio.filterSubject).toBe(`${system.prefix}.events.>`);
    expect(portfolio.deliveries).toBeGreaterThanOrEqual(portfolio.streamMessages);
  });

  it('reconciles at the end: every derived figure agrees with its source, nothing dead-lettered', async () => {
    await system.settle();
    expect(await reconcile(system.databaseUrl)).toEqual([]);
    expect(await system.deadLetters()).toBe(0);
  });

  it('tells an operator what happened: counts, the outbox, the last close, the answers by route', async () => {
    await system.settle();
    const text = (await system.http().get('/metrics').expect(200)).text;
    // One process runs every service here, so one scrape shows them all, labelled by service.
    const sample = (name: string, labels = '') => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    const [{ repayments }] = await system.query<{ repayments: string }>(
      'SELECT count(*) AS repayments FROM repayment.repayment',
    );
    const [{ payouts }] = await system.query<{ payouts: string }>(
      "SELECT count(*) AS payouts FROM disbursement.disbursement WHERE status = 'disbursed'",
    );
    expect(sample('qollqa_repayments_total')).toBe(Number(repayments));
    expect(sample('qollqa_payouts_total')).toBe(Number(payouts));
    for (const service of ['applications', 'disbursement', 'repayment']) {
      expect(sample('qollqa_outbox_backlog', `service="${service}"`)).toBe(0);
      expect(sample('qollqa_outbox_oldest_age_seconds', `service="${service}"`)).toBe(0);
    }
    const [close] = await system.query<{ epoch: string; duration_ms: number }>(
      `SELECT extract(epoch FROM business_date::timestamp) AS epoch, duration_ms
       FROM repayment.business_day_close ORDER BY business_date DESC LIMIT 1`,
    );
    expect(
      sample('qollqa_last_closed_business_date_timestamp_seconds', 'service="repayment"'),
    ).toBe(Number(close.epoch));
    expect(new Date(Number(close.epoch) * 1000).toISOString().slice(0, 10)).toBe('2026-05-11');
    expect(sample('qollqa_close_duration_seconds', 'service="repayment"')).toBe(
      close.duration_ms / 1000,
    );
    // Every consumer has caught up, and nothing was dead-lettered.
    for (const consumer of ['credit-scoring', 'disbursement', 'repayment', 'portfolio']) {
      expect(
        sample('qollqa_consumer_pending', `service="${consumer}",consumer="${consumer}"`),
      ).toBe(0);
    }
    expect(text).not.toMatch(/^qollqa_dead_letters_total\{[^}]*\} [1-9]/m);
    // Answers by route template, never by raw path (an id is not a label).
    expect(
      sample(
        'qollqa_http_request_duration_seconds_count',
        'route="/api/loans/:id/repayments",method="POST",status="201"',
      ),
    ).toBe(Number(repayments));
    expect(text).not.toMatch(/route="\/api\/loans\/[0-9a-f]{8}-/);
  });
});
