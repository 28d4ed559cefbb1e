import { SERVICE_NAMES } from '@qollqa/config';
import { LoanEvents } from '@qollqa/contracts';
import { Decimal, formatMoney, formatRatio, roundMoney } from '@qollqa/money';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { envelope, publishEvents } from '../support/publish-event';
import { rebuildPortfolioFromStream } from '../support/rebuild-portfolio';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/** A loan as GET /api/loans lists it: the fields the independent computations below read. */
interface ListedLoan {
  id: string;
  status: string;
  principal: string;
  coverage: string;
  grant: string;
  disbursedOn: string;
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: string;
  claimedOn: string | null;
  claimAmount: string | null;
  enterprise: { id: string; municipality: string; valueChain: string; womenLed: boolean };
}

const CLASSES = ['normal', 'cpp', 'deficiente', 'dudoso', 'perdida'] as const;
const sum = (values: Decimal.Value[]) =>
  values.reduce<Decimal>((total, value) => total.plus(value), new Decimal(0));
const ratio = (part: Decimal, whole: Decimal) =>
  whole.isZero() ? '0.0000' : formatRatio(part.div(whole), 4);
const inPortfolio = (loan: ListedLoan) => ['active', 'claimed'].includes(loan.status);

/**
 * The guarantee fund's analytics and stress test and the programme's impact, through the HTTP API with
 * every service running. A season: loans paid out in January, February and March (one family twice,
 * the second time with collateral), one family paying on time, two loans claimed at 90 days, a
 * repayment after a claim (a recovery), a loan 59 days behind. The figures are checked to the céntimo
 * and to 4 places, and against what GET /api/loans and GET /api/funds say, computed independently.
 */
describe('Guarantee fund analytics, stress test and impact', () => {
  let system: TestSystem;
  let staff: StaffClient;
  const ids = { dairy: '', guineaPig: '', mushroom: '', dairyAgain: '' };
  const familyA = newDocumentId();

  const as = (role: 'officer' | 'manager' | 'admin') => staff.as(role);
  const loan = async (id: string) => (await as('officer').get(`/api/loans/${id}`).expect(200)).body;
  const closeTo = (date: string) =>
    as('admin').post('/api/admin/close-of-business', { date }).expect(200);
  const repay = (id: string, amount: string, paidOn: string, externalRef: string) =>
    as('officer').post(`/api/loans/${id}/repayments`, { amount, paidOn, externalRef }).expect(201);
  const payInstallment = async (id: string, n: number, date: string) =>
    repay(id, (await loan(id)).schedule[n].installment, date, `RCPT-A${n + 1}`);
  const listedLoans = async (): Promise<ListedLoan[]> =>
    (await as('manager').get('/api/loans?pageSize=100').expect(200)).body.items;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-10';
    system = await TestSystem.start({ services: [...SERVICE_NAMES], label: 'analytics' });
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('100000.00', 'BN-ANALYTICS');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-ANALYTICS');

    // January: API.md's dairy family (grant 3000.00) and a guinea-pig family that will never pay.
    ids.dairy = await staff.payOut(applicationBody({ enterprise: { documentId: familyA } }));
    ids.guineaPig = await staff.payOut(
      applicationBody({
        enterprise: {
          documentId: newDocumentId(),
          name: 'Familia Ccori Huaman',
          valueChain: 'guinea_pig',
          municipality: 'Ccatca',
          womenLed: false,
        },
        request: { amount: '3000.00', termMonths: 12, innovation: undefined },
      }),
    );

    await closeTo('2026-02-10');
    await payInstallment(ids.dairy, 0, '2026-02-10');
    // February: a mushroom family in Ccatca that will not pay either.
    ids.mushroom = await staff.payOut(
      applicationBody({
        enterprise: {
          documentId: newDocumentId(),
          name: 'Familia Mamani Quispe',
          valueChain: 'mushroom',
          municipality: 'Ccatca',
        },
        request: { amount: '2000.00', termMonths: 6, innovation: undefined },
      }),
    );

    await closeTo('2026-03-10');
    await payInstallment(ids.dairy, 1, '2026-03-10');
    // March: the dairy family's second loan, with collateral worth half of it (50 % coverage).
    ids.dairyAgain = await staff.payOut(
      applicationBody({
        enterprise: { documentId: familyA },
        request: {
          amount: '4000.00',
          termMonths: 12,
          collateralValue: '2000.00',
          innovation: undefined,
        },
      }),
    );

    for (const [n, date] of [
      [2, '2026-04-10'],
      [3, '2026-05-10'],
    ] as const) {
      await closeTo(date);
      await payInstallment(ids.dairy, n, date);
    }
    await closeTo('2026-05-11'); // the guinea-pig loan, due 2026-02-10: 90 days, claimed
    await repay(ids.guineaPig, '500.00', '2026-05-11', 'RCPT-G1'); // the fund takes 0.70 of it
    await closeTo('2026-06-08'); // the mushroom loan, due 2026-03-10: 90 days, claimed
    await system.settle();
  }, 300_000); // four payouts and five months of closes through every service
  afterAll(() => system?.close(), 60_000);

  it('lives the season as the loans say: two claims at 90 days, one loan 59 days behind', async () => {
    expect(await loan(ids.guineaPig)).toMatchObject({
      status: 'claimed',
      claimAmount: '2100.00',
      classification: 'dudoso',
    });
    expect(await loan(ids.mushroom)).toMatchObject({
      status: 'claimed',
      claimAmount: '1400.00',
      daysPastDue: 90,
    });
    expect(await loan(ids.dairyAgain)).toMatchObject({
      status: 'active',
      coverage: '0.50',
      daysPastDue: 59,
      classification: 'deficiente',
      outstandingPrincipal: '4000.00',
    });
    expect(await loan(ids.dairy)).toMatchObject({ status: 'active', classification: 'normal' });
    const funds = await staff.funds();
    expect(funds.guarantee).toMatchObject({ claimsPaid: '3500.00', recoveries: '350.00' });
  });

  it("gives the fund's analytics to the céntimo and to 4 places", async () => {
    const analytics = (await as('manager').get('/api/funds/guarantee/analytics').expect(200)).body;
    // Guarantees issued: 0.70 × 6000.00 + 0.70 × 3000.00 + 0.70 × 2000.00 + 0.50 × 4000.00.
    // Claims 2100.00 + 1400.00; the fund's share of the 500.00 paid after its claim: 350.00.
    expect(analytics).toMatchObject({
      asOf: '2026-06-08',
      guaranteesIssued: { count: 4, amount: '9700.00' },
      claims: { count: 2, amount: '3500.00' },
      recoveries: '350.00',
      claimsRatio: '0.3608', // 3500.00 ÷ 9700.00 = 0.36082…
      recoveryRate: '0.1000', // 350.00 ÷ 3500.00
      netLoss: '3150.00',
    });

    const [dairy, guineaPig] = [await loan(ids.dairy), await loan(ids.guineaPig)];
    const january = new Decimal(dairy.outstandingPrincipal).plus(guineaPig.outstandingPrincipal);
    expect(analytics.vintages).toEqual([
      {
        month: '2026-01',
        loans: 2,
        principal: '9000.00',
        outstanding: formatMoney(january),
        // Only the claimed guinea-pig loan is more than 30 days behind.
        par30: formatRatio(new Decimal(guineaPig.outstandingPrincipal).div(january), 4),
        claimed: 1,
        claimedAmount: '2100.00',
      },
      {
        month: '2026-02',
        loans: 1,
        principal: '2000.00',
        outstanding: '2000.00',
        par30: '1.0000',
        claimed: 1,
        claimedAmount: '1400.00',
      },
      {
        month: '2026-03',
        loans: 1,
        principal: '4000.00',
        outstanding: '4000.00',
        par30: '1.0000',
        claimed: 0,
        claimedAmount: '0.00',
      },
    ]);

    // The same from GET /api/loans and GET /api/funds, computed here.
    const loans = await listedLoans();
    const funds = await staff.funds();
    const months = [...new Set(loans.map((l) => l.disbursedOn.slice(0, 7)))].sort();
    expect(analytics.vintages).toEqual(
      months.map((month) => {
        const vintage = loans.filter((l) => l.disbursedOn.startsWith(month));
        const open = vintage.filter(inPortfolio);
        const outstanding = sum(open.map((l) => l.outstandingPrincipal));
        const claimed = vintage.filter((l) => l.claimedOn !== null);
        return {
          month,
          loans: vintage.length,
          principal: formatMoney(sum(vintage.map((l) => l.principal))),
          outstanding: formatMoney(outstanding),
          par30: ratio(
            sum(open.filter((l) => l.daysPastDue > 30).map((l) => l.outstandingPrincipal)),
            outstanding,
          ),
          claimed: claimed.length,
          claimedAmount: formatMoney(sum(claimed.map((l) => l.claimAmount!))),
        };
      }),
    );
    const issued = sum(loans.map((l) => roundMoney(new Decimal(l.principal).mul(l.coverage))));
    expect(analytics.guaranteesIssued.amount).toBe(formatMoney(issued));
    expect(analytics.claims.amount).toBe(funds.guarantee.claimsPaid);
    expect(analytics.recoveries).toBe(funds.guarantee.recoveries);
    expect(analytics.claimsRatio).toBe(ratio(new Decimal(funds.guarantee.claimsPaid), issued));
  });

  /** The stress test computed from GET /api/loans (active loans by class) and GET /api/funds. */
  async function expectedStress(rates: Record<(typeof CLASSES)[number], string>) {
    const loans = (await listedLoans()).filter((l) => l.status === 'active');
    const funds = (await staff.funds()).guarantee;
    const byClass = Object.fromEntries(
      CLASSES.map((c) => {
        const inClass = loans.filter((l) => l.classification === c);
        const guaranteed = sum(
          inClass.map((l) => roundMoney(new Decimal(l.outstandingPrincipal).mul(l.coverage))),
        );
        const projected = roundMoney(guaranteed.mul(rates[c]));
        return [
          c,
          {
            loans: inClass.length,
            guaranteed: formatMoney(guaranteed),
            rate: rates[c],
            projectedClaims: formatMoney(projected),
          },
        ];
      }),
    );
    const projected = sum(CLASSES.map((c) => byClass[c].projectedClaims));
    const capital = new Decimal(funds.availableCapital).minus(projected);
    const exposure = new Decimal(funds.exposure).minus(projected);
    return {
      rates,
      projectedClaims: formatMoney(projected),
      availableCapitalAfter: formatMoney(capital),
      exposureAfter: formatMoney(exposure),
      leverageAfter: capital.gt(0) ? formatRatio(exposure.div(capital), 2) : '0.00',
      withinLimit: exposure.lte(new Decimal(funds.leverageLimit).mul(capital)),
      byClassification: byClass,
    };
  }

  it('stress-tests the fund at the default rates, as the loans and funds say', async () => {
    const stress = (await as('manager').get('/api/funds/guarantee/stress').expect(200)).body;
    const defaults = {
      normal: '0.01',
      cpp: '0.05',
      deficiente: '0.25',
      dudoso: '0.60',
      perdida: '1.00',
    };
    expect(stress).toEqual(await expectedStress(defaults));
    // The active loans: the first dairy loan (normal, 0.70 × its outstanding) and its second one
    // (deficiente, 0.50 × 4000.00 = 2000.00 → 25 % = 500.00); the claimed ones carry no guarantee.
    const dairy = await loan(ids.dairy);
    const normal = roundMoney(new Decimal(dairy.outstandingPrincipal).mul('0.70'));
    expect(stress.byClassification.deficiente).toEqual({
      loans: 1,
      guaranteed: '2000.00',
      rate: '0.25',
      projectedClaims: '500.00',
    });
    expect(stress.byClassification.normal.guaranteed).toBe(formatMoney(normal));
    expect(stress.projectedClaims).toBe(formatMoney(roundMoney(normal.mul('0.01')).plus('500.00')));
    expect(stress.withinLimit).toBe(true);
  });

  it('stress-tests the fund at rates the fund manager chooses', async () => {
    const stress = (
      await as('manager')
        .get(
          '/api/funds/guarantee/stress?normal=0.333333&deficiente=1&cpp=0&dudoso=0.5&perdida=1.0',
        )
        .expect(200)
    ).body;
    expect(stress).toEqual(
      await expectedStress({
        normal: '0.333333',
        cpp: '0',
        deficiente: '1',
        dudoso: '0.5',
        perdida: '1.0',
      }),
    );
    expect(stress.byClassification.deficiente.projectedClaims).toBe('2000.00');
  });

  it.each([
    ['normal=1.01', 'normal'],
    ['perdida=2', 'perdida'],
    ['cpp=-0.1', 'cpp'],
    ['dudoso=abc', 'dudoso'],
    ['deficiente=1e-2', 'deficiente'],
    ['normal=.5', 'normal'],
    ['normal=0.5&normal=0.6', 'normal'],
  ])('refuses the stress rate %s with 400 in the contract’s shape', async (query, field) => {
    const { body } = await as('manager').get(`/api/funds/guarantee/stress?${query}`).expect(400);
    expect(body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
    });
    expect(body.message).toEqual([expect.stringContaining(field)]);
  });

  it('says what a bad rate must be in Spanish and in English', async () => {
    const spanish = await as('manager').get('/api/funds/guarantee/stress?perdida=1.5').expect(400);
    expect(spanish.body.message).toEqual([
      'perdida debe ser un decimal entre 0 y 1, con hasta 6 decimales, por ejemplo "0.25"',
    ]);
    const english = await system
      .http()
      .get('/api/funds/guarantee/stress?perdida=1.5')
      .set('Authorization', `Bearer ${staff.tokens.manager}`)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(english.body.message).toEqual([
      'perdida must be a decimal from 0 to 1 with at most 6 places, such as "0.25"',
    ]);
    await as('manager').get('/api/funds/guarantee/stress?severe=0.5').expect(400);
  });

  it('counts the impact: enterprises, women-led, first and repeat loans, grants, by segment', async () => {
    const impact = (await as('manager').get('/api/portfolio/impact').expect(200)).body;
    expect(impact).toEqual({
      target: { enterprises: 50 },
      enterprisesFinanced: 3,
      womenLed: 2,
      womenLedShare: '0.6667',
      firstLoan: 3,
      repeatLoan: 1,
      grants: { count: 1, amount: '3000.00' },
      byValueChain: {
        dairy: { enterprises: 1, womenLed: 1, disbursed: '10000.00' },
        guinea_pig: { enterprises: 1, womenLed: 0, disbursed: '3000.00' },
        mushroom: { enterprises: 1, womenLed: 1, disbursed: '2000.00' },
      },
      byMunicipality: {
        Ocongate: { enterprises: 1, womenLed: 1, disbursed: '10000.00' },
        Ccatca: { enterprises: 2, womenLed: 1, disbursed: '5000.00' },
      },
    });

    // The same from GET /api/loans, computed here.
    const loans = await listedLoans();
    const enterprises = new Map(loans.map((l) => [l.enterprise.id, l.enterprise.womenLed]));
    const segments = (key: 'valueChain' | 'municipality') =>
      Object.fromEntries(
        [...new Set(loans.map((l) => l.enterprise[key]))].map((name) => {
          const inSegment = loans.filter((l) => l.enterprise[key] === name);
          const members = new Map(inSegment.map((l) => [l.enterprise.id, l.enterprise.womenLed]));
          return [
            name,
            {
              enterprises: members.size,
              womenLed: [...members.values()].filter(Boolean).length,
              disbursed: formatMoney(sum(inSegment.map((l) => l.principal))),
            },
          ];
        }),
      );
    const womenLed = [...enterprises.values()].filter(Boolean).length;
    const granted = loans.filter((l) => new Decimal(l.grant).gt(0));
    expect(impact).toEqual({
      target: { enterprises: 50 },
      enterprisesFinanced: enterprises.size,
      womenLed,
      womenLedShare: formatRatio(new Decimal(womenLed).div(enterprises.size), 4),
      firstLoan: enterprises.size,
      repeatLoan: loans.length - enterprises.size,
      grants: { count: granted.length, amount: formatMoney(sum(granted.map((l) => l.grant))) },
      byValueChain: segments('valueChain'),
      byMunicipality: segments('municipality'),
    });
  });

  it('takes the target from the programme’s data', async () => {
    await system.query('UPDATE portfolio.portfolio_programme SET target_enterprises = 120');
    const impact = (await as('admin').get('/api/portfolio/impact').expect(200)).body;
    expect(impact.target).toEqual({ enterprises: 120 });
    await system.query('UPDATE portfolio.portfolio_programme SET target_enterprises = 50');
  });

  it('lets fund managers and admins read them, never officers (403)', async () => {
    for (const path of [
      '/api/funds/guarantee/analytics',
      '/api/funds/guarantee/stress',
      '/api/portfolio/impact',
    ]) {
      const refused = await as('officer').get(path).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'ROLE_NOT_ALLOWED' });
      await as('admin').get(path).expect(200);
      await system.http().get(path).expect(401);
    }
  });

  it('keeps a loan’s class when an older delinquency event arrives late', async () => {
    const before = (await as('manager').get('/api/funds/guarantee/stress').expect(200)).body;
    // The second dairy loan's first crossing (version 2: more than 1 day late), redelivered now that
    // the loan is newer (59 days, deficiente): nothing it says replaces what is known.
    const late = envelope(
      LoanEvents.DelinquencyChanged,
      ids.dairyAgain,
      {
        loanId: ids.dairyAgain,
        enterpriseId: (await loan(ids.dairyAgain)).enterprise.id,
        businessDate: '2026-04-12',
        daysPastDue: 2,
        classification: 'normal',
        previousClassification: 'normal',
        outstandingPrincipal: '4000.00',
        loan: {
          status: 'active',
          outstandingPrincipal: '4000.00',
          daysPastDue: 2,
          classification: 'normal',
          claimed: false,
        },
      },
      2,
    );
    await publishEvents(system, [late]);
    await eventually(async () => {
      const [handled] = await system.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM disbursement.inbox WHERE event_id = $1',
        [late.id],
      );
      expect(handled.n).toBe(1);
    });
    await system.settle();
    expect((await as('manager').get('/api/funds/guarantee/stress').expect(200)).body).toEqual(
      before,
    );
    const analytics = (await as('manager').get('/api/funds/guarantee/analytics').expect(200)).body;
    expect(analytics.vintages[2]).toMatchObject({ month: '2026-03', par30: '1.0000' });
  });

  it('rebuilds the impact from the stream with the same figures', async () => {
    await system.settle();
    const before = (await as('manager').get('/api/portfolio/impact').expect(200)).body;
    await rebuildPortfolioFromStream(system);
    expect((await as('manager').get('/api/portfolio/impact').expect(200)).body).toEqual(before);
  }, 120_000);

  it('reconciles at the end: the summary, the impact and every view agree, nothing dead-lettered', async () => {
    await system.settle();
    expect(await reconcile(system.databaseUrl)).toEqual([]);
    expect(await system.deadLetters()).toBe(0);
  });
});
