import { BusinessDayEvents, FundEvents, LoanEvents } from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';
import { FoldPortfolioCellsService } from '../../apps/portfolio/src/cells/services/fold-portfolio-cells.service';
import { eventually } from '../support/eventually';
import { envelope, publishEvents } from '../support/publish-event';
import { rebuildPortfolioFromStream } from '../support/rebuild-portfolio';
import { TestSystem } from '../support/test-system';

/**
 * The fund manager's view, built only from events: a scripted stream of payouts, a repayment,
 * delinquency, a claim and closes of business gives exact figures, and replaying the stream from the
 * start into an empty read model gives the same figures again.
 */
describe('Portfolio read model', () => {
  let system: TestSystem;
  let manager: string;
  const familyQuispe = randomUUID();
  const familyCcori = randomUUID();
  const [l1, l2, l3] = [randomUUID(), randomUUID(), randomUUID()];

  const disbursed = (
    loanId: string,
    enterpriseId: string,
    valueChain: string,
    municipality: string,
    womenLed: boolean,
    principal: string,
  ) =>
    envelope(LoanEvents.Disbursed, loanId, {
      loanId,
      applicationId: randomUUID(),
      reference: 'QL-TEST01',
      enterprise: { id: enterpriseId, name: 'Familia', municipality, valueChain, womenLed },
      productCode: 'innovacion',
      principal,
      tea: '0.18',
      moratoryTea: '0.10',
      termMonths: 12,
      graceMonths: 0,
      disbursedOn: '2026-01-15',
      coverage: '0.70',
      guaranteeFee: '0.00',
      grant: '0.00',
      payout: principal,
      schedule: [],
    });
  /** The loan's state every loan event of the repayment service carries. */
  const state = (
    status: string,
    outstandingPrincipal: string,
    daysPastDue = 0,
    classification = 'normal',
  ) => ({
    status,
    outstandingPrincipal,
    daysPastDue,
    classification,
    claimed: status === 'claimed',
  });
  const delinquency = (
    loanId: string,
    version: number,
    businessDate: string,
    daysPastDue: number,
    classification: string,
    outstandingPrincipal: string,
  ) =>
    envelope(
      LoanEvents.DelinquencyChanged,
      loanId,
      {
        loanId,
        enterpriseId: randomUUID(),
        businessDate,
        daysPastDue,
        classification,
        previousClassification: null,
        outstandingPrincipal,
        loan: state('active', outstandingPrincipal, daysPastDue, classification),
      },
      version,
    );
  const dayClosed = (businessDate: string) =>
    envelope(BusinessDayEvents.Closed, randomUUID(), { businessDate, previousBusinessDate: null });
  const position = (positionVersion: number, availableCapital: string, exposure: string) =>
    envelope(FundEvents.GuaranteePositionChanged, '00000000-0000-4000-8000-000000000001', {
      positionVersion,
      availableCapital,
      exposure,
      leverageLimit: '4.00',
    });

  const summary = async () =>
    (
      await system
        .http()
        .get('/api/portfolio/summary')
        .set('Authorization', `Bearer ${manager}`)
        .expect(200)
    ).body;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'portfolio'], label: 'portfolio' });
    manager = await system.token('manager');
    const repayment = envelope(
      LoanEvents.RepaymentRecorded,
      l1,
      {
        repaymentId: randomUUID(),
        loanId: l1,
        enterpriseId: familyQuispe,
        externalRef: 'RCPT-1',
        amount: '390.00',
        paidOn: '2026-02-15',
        allocated: {
          moratoryInterest: '0.00',
          interest: '90.00',
          principal: '300.00',
          prepayment: '0.00',
        },
        loanStatus: 'active',
        outstandingPrincipal: '5700.00',
        loan: state('active', '5700.00'),
      },
      2,
    );
    await publishEvents(system, [
      disbursed(l1, familyQuispe, 'dairy', 'Ocongate', true, '6000.00'),
      disbursed(l2, familyCcori, 'guinea_pig', 'Ccatca', false, '3000.00'),
      disbursed(l3, familyQuispe, 'dairy', 'Ccatca', true, '1000.00'),
      repayment,
      delinquency(l2, 2, '2026-05-01', 31, 'deficiente', '3000.00'),
      delinquency(l3, 2, '2026-05-01', 5, 'normal', '1000.00'),
      dayClosed('2026-05-01'),
      delinquency(l2, 3, '2026-06-30', 61, 'dudoso', '3000.00'),
      envelope(
        LoanEvents.Claimed,
        l2,
        {
          loanId: l2,
          enterpriseId: familyCcori,
          businessDate: '2026-07-30',
          daysPastDue: 91,
          outstandingPrincipal: '3000.00',
          coverage: '0.70',
          claimAmount: '2100.00',
          loan: state('claimed', '3000.00', 91, 'dudoso'),
        },
        4,
      ),
      envelope(
        LoanEvents.Repaid,
        l3,
        {
          loanId: l3,
          enterpriseId: familyQuispe,
          repaidOn: '2026-07-31',
          maxDaysPastDue: 5,
          loan: state('repaid', '0.00'),
        },
        3,
      ),
      position(3, '10000.00', '3990.00'),
      position(2, '9000.00', '4200.00'), // an older position arriving late changes nothing
      dayClosed('2026-08-01'),
    ]);
    // The same repayment delivered again (outside JetStream's de-duplication) changes nothing.
    await publishEvents(system, [repayment], (e) => `${e.id}-again`);
    await eventually(async () => expect((await summary()).asOf).toBe('2026-08-01'));
  });
  afterAll(() => system?.close());

  it('answers the contract summary with exact figures', async () => {
    const figures = await summary();
    expect(figures).toMatchObject({
      asOf: '2026-08-01',
      activeLoans: 2, // L1 active and L2 claimed: the gross portfolio; L3 is repaid
      grossPortfolio: '8700.00', // 5700.00 + 3000.00
      par1: '0.3448', // 3000.00 / 8700.00 = 0.34483
      par30: '0.3448',
      par90: '0.3448', // claimed at 91 days
      byClassification: {
        normal: { loans: 1, outstanding: '5700.00', provision: '57.00' }, // 1 %
        cpp: { loans: 0, outstanding: '0.00', provision: '0.00' },
        deficiente: { loans: 0, outstanding: '0.00', provision: '0.00' },
        dudoso: { loans: 1, outstanding: '3000.00', provision: '1800.00' }, // 60 %
        perdida: { loans: 0, outstanding: '0.00', provision: '0.00' },
      },
      provisionRequired: '1857.00',
      byValueChain: {
        dairy: { loans: 1, outstanding: '5700.00', par30: '0.0000' },
        guinea_pig: { loans: 1, outstanding: '3000.00', par30: '1.0000' },
      },
      byMunicipality: {
        Ccatca: { loans: 1, outstanding: '3000.00', par30: '1.0000' },
        Ocongate: { loans: 1, outstanding: '5700.00', par30: '0.0000' },
      },
      enterprisesFinanced: 2,
      womenLed: 1,
    });
  });

  it('gives the same figures before and after the cells fold in their pending changes', async () => {
    const before = await summary();
    const cells = () =>
      system.query<{ cell: string; loans: number; outstanding: string }>(
        `SELECT value_chain || '/' || classification AS cell, loans, outstanding::text
         FROM portfolio.portfolio_cell WHERE loans > 0 ORDER BY 1`,
      );
    // Each event wrote the loan's move as change rows; the fold (every 2 s, or now) sums them in.
    await system.app('portfolio').get(FoldPortfolioCellsService).execute();
    await eventually(async () => {
      const [{ n }] = await system.query<{ n: string }>(
        'SELECT count(*) AS n FROM portfolio.portfolio_cell_change',
      );
      expect(Number(n)).toBe(0);
    });
    // L1: 6000.00 paid out, 300.00 of principal repaid; L2: 3000.00 claimed; L3 repaid (gone).
    expect(await cells()).toEqual([
      { cell: 'dairy/normal', loans: 1, outstanding: '5700.00' },
      { cell: 'guinea_pig/dudoso', loans: 1, outstanding: '3000.00' },
    ]);
    expect(await summary()).toEqual(before);
  });

  it('shows where the risk concentrates and how close the guarantee fund is to its limit', async () => {
    expect((await summary()).concentration).toEqual({
      largestValueChain: { name: 'dairy', share: '0.6552' }, // 5700.00 / 8700.00
      largestMunicipality: { name: 'Ocongate', share: '0.6552' },
      largestLoan: { loanId: l1, share: '0.6552' },
      // 3990.00 / 10000.00 = 0.399 → "0.40"; 0.399 / 4 = 0.09975 → "0.0998"
      guaranteeFund: {
        availableCapital: '10000.00',
        exposure: '3990.00',
        leverage: '0.40',
        leverageLimit: '4.00',
        limitUsed: '0.0998',
      },
      thresholds: {
        valueChainShare: '0.6000',
        municipalityShare: '0.5000',
        loanShare: '0.0500',
        limitUsed: '0.8000',
      },
      alerts: [
        'VALUE_CHAIN_CONCENTRATION',
        'MUNICIPALITY_CONCENTRATION',
        'SINGLE_LOAN_CONCENTRATION',
      ],
    });
  });

  it('keeps one row per close of business for the trend', async () => {
    const response = await system
      .http()
      .get('/api/portfolio/history')
      .query({ from: '2026-01-01', to: '2026-12-31' })
      .set('Authorization', `Bearer ${manager}`)
      .expect(200);
    expect(response.body.map((row: { asOf: string }) => row.asOf)).toEqual([
      '2026-05-01',
      '2026-08-01',
    ]);
    // On 2026-05-01: 5700.00 + 3000.00 + 1000.00 = 9700.00; past 1 day: 3000.00 + 1000.00; past 30: 3000.00.
    expect(response.body[0]).toMatchObject({
      grossPortfolio: '9700.00',
      par1: '0.4124',
      par30: '0.3093',
      par90: '0.0000',
      activeLoans: 3,
    });
    const only = await system
      .http()
      .get('/api/portfolio/history')
      .query({ from: '2026-06-01' })
      .set('Authorization', `Bearer ${manager}`)
      .expect(200);
    expect(only.body.map((row: { asOf: string }) => row.asOf)).toEqual(['2026-08-01']);
    await system
      .http()
      .get('/api/portfolio/history')
      .query({ from: 'yesterday' })
      .set('Authorization', `Bearer ${manager}`)
      .expect(400);
  });

  it('is for fund managers and admins only', async () => {
    const [officer, admin] = await Promise.all([system.token('officer'), system.token('admin')]);
    await system
      .http()
      .get('/api/portfolio/summary')
      .set('Authorization', `Bearer ${officer}`)
      .expect(403);
    await system
      .http()
      .get('/api/portfolio/history')
      .set('Authorization', `Bearer ${officer}`)
      .expect(403);
    await system
      .http()
      .get('/api/portfolio/summary')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
  });

  it('is rebuilt from the stream with identical figures', async () => {
    const before = await summary();
    const historyBefore = await system.query(
      'SELECT business_date, summary FROM portfolio.portfolio_history ORDER BY business_date',
    );
    expect(await rebuildPortfolioFromStream(system)).toEqual(before);
    expect(
      await system.query(
        'SELECT business_date, summary FROM portfolio.portfolio_history ORDER BY business_date',
      ),
    ).toEqual(historyBefore);
    expect(await summary()).toEqual(before);
  });
});
