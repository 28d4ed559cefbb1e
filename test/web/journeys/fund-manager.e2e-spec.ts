import { Browser } from 'playwright-core';
import { newDocumentId } from '../../support/application-factory';
import { StaffClient } from '../../support/staff-client';
import { TestSystem } from '../../support/test-system';
import { spanishApplication } from '../web-data';
import { Journey, STAFF_USERNAMES, startJourneys, VARIANTS } from './journey';

/**
 * A fund manager's round: the second approval of a large loan an officer approved, then the funds
 * and the portfolio. In Spanish on a phone and in English at a desk; every screen is checked.
 */
describe('Journey: a fund manager', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  /** Per journey: a PEN 15,000 loan (above an officer's PEN 10,000) waiting for its second approval. */
  const large: Record<string, { id: string; reference: string; name: string }> = {
    'es · phone': { id: '', reference: '', name: 'Familia Choque Layme' },
    'en · desktop': { id: '', reference: '', name: 'Familia Sullca Taipe' },
  };

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url, browser, staff } = await startJourneys('journey_manager'));
    for (const application of Object.values(large)) {
      const { body } = await staff
        .as('officer')
        .post('/api/applications', {
          ...spanishApplication(
            { documentId: newDocumentId(), name: application.name, valueChain: 'cheese' },
            {
              amount: '15000.00',
              termMonths: 24,
              innovation: undefined,
              purpose: 'Prensa y moldes para queso',
            },
          ),
          cashflow: {
            monthlyRevenue: '6000.00',
            monthlyCosts: '1400.00',
            householdExpenses: '700.00',
            otherDebtPayments: '0.00',
          },
        })
        .expect(201);
      Object.assign(application, { id: body.id, reference: body.reference });
      await staff.waitForStatus(body.id, 'in_review');
      await staff
        .as('officer')
        .post(`/api/applications/${body.id}/decision`, {
          decision: 'approve',
          reason: 'Quesería con registro sanitario',
        })
        .expect(200);
      await staff.waitForStatus(body.id, 'awaiting_second_approval');
    }
    await system.settle();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  describe.each(VARIANTS)('$name', (variant) => {
    it('gives the second approval to a large loan, then reads the funds and the portfolio', async () => {
      const application = large[variant.name];
      const journey = await Journey.open(browser, url, variant, 'fund manager', STAFF_USERNAMES);
      const { page } = journey;
      try {
        await journey.signInStaff('manager', 'manager-demo', 'approvals.title');
        const item = page.locator('li.app-card', { hasText: application.name });
        expect(await journey.text(item)).toContain('S/ 15,000.00');
        await item.getByText(journey.t('decide.open'), { exact: true }).click();
        await journey.check('second approval form');
        await item.getByLabel(journey.t('decide.approve'), { exact: true }).check();
        await item.getByRole('button', { name: journey.t('decide.submit') }).click();
        const done = page.getByText(
          journey.t('decide.done', {
            ref: application.reference,
            status: journey.t('status.approved'),
          }),
        );
        // Asked first, with the officer's amount and term and the family.
        const asked = await journey.confirmIfAsked(done, 'second approval');
        expect(asked).toContain(
          journey.t('decide.confirmSecondApprove', {
            amount: 'S/ 15,000.00',
            n: 24,
            name: application.name,
          }),
        );
        await journey.check('second approval given');
        await staff.waitForStatus(application.id, 'disbursed');

        await journey.menu('funds', 'funds.title');
        const funds = await journey.text();
        expect(funds).toContain(journey.t('funds.guarantee'));
        expect(funds).toContain('S/ 100,000.00'); // the capital put in
        expect(funds).toContain('S/ 20,000.00'); // the innovation budget

        await journey.menu('portfolio', 'portfolio.title');
        const portfolio = await journey.text();
        expect(portfolio).toContain(journey.t('portfolio.gross'));
        expect(portfolio).toContain(journey.t('portfolio.byClassification'));
      } finally {
        await journey.close();
      }
    });

    it('goes round every screen of its menu', async () => {
      const journey = await Journey.open(browser, url, variant, 'fund manager', STAFF_USERNAMES);
      try {
        await journey.signInStaff('manager', 'manager-demo', 'approvals.title');
        const items = await journey.visitWholeMenu();
        expect(items).toEqual(
          expect.arrayContaining(
            [
              'approvals',
              'funds',
              'portfolio',
              'loans',
              'applications',
              'collections',
              'audit',
            ].map((item) => journey.t(`nav.${item}`)),
          ),
        );
      } finally {
        await journey.close();
      }
    });
  });
});
