import { Browser } from 'playwright-core';
import { newDocumentId } from '../../support/application-factory';
import { StaffClient } from '../../support/staff-client';
import { TestSystem } from '../../support/test-system';
import { spanishApplication } from '../web-data';
import { Journey, spaced, STAFF_USERNAMES, startJourneys, VARIANTS } from './journey';

/** A calendar date `days` after `iso` (both "YYYY-MM-DD"). */
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * An admin's day: the close of business (it moves the business date and adds a line to the close
 * history), then the staff accounts and the audit trail. In Spanish on a phone and in English at a
 * desk; every screen is checked.
 *
 * The close runs three dates at once, and its summary ("what this close changed") lists each of
 * them; review-fixes.e2e-spec.ts checks a long close's figures in depth.
 */
describe('Journey: an admin', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url, browser, staff } = await startJourneys('journey_admin'));
    // One open loan for the close to age.
    await staff.payOut(spanishApplication({ documentId: newDocumentId() }));
    await system.settle();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  describe.each(VARIANTS)('$name', (variant) => {
    it('runs the close of business over three dates, reads its summary and sees it in the close history', async () => {
      const journey = await Journey.open(browser, url, variant, 'admin', STAFF_USERNAMES);
      const { page } = journey;
      try {
        await journey.signInStaff('admin', 'admin-demo', 'admin.title');
        const { businessDate } = (await staff.as('admin').get('/api/admin/business-date')).body;
        await page.getByText(journey.date(businessDate, 'full')).waitFor();
        // The form proposes the next day.
        const next = await journey.label('admin.date').inputValue();
        expect(
          new Date(`${next}T00:00:00Z`).getTime() - Date.parse(`${businessDate}T00:00:00Z`),
        ).toBe(24 * 3600 * 1000);
        // Three dates at once: the day after the business date and the two after it.
        const dates = [next, plusDays(next, 1), plusDays(next, 2)];
        const last = dates[2];
        await journey.label('admin.date').fill(last);
        await journey.button('admin.submit').click();
        const asked = await journey.confirmIfAsked(
          page.getByText(journey.t('admin.done', { date: journey.date(last, 'long') })),
          'close of business',
        );
        expect(asked).toContain(
          journey.t('admin.confirmMany', {
            n: 3,
            from: journey.date(next, 'long'),
            to: journey.date(last, 'long'),
          }),
        );
        await page.getByText(journey.date(last, 'full')).waitFor(); // the new business date

        // What this close changed: one row per date closed, oldest first, then their totals.
        const summary = page.getByRole('table', { name: journey.t('admin.summaryTitle') });
        await summary.waitFor();
        expect(spaced(await journey.text())).toContain(
          journey.t('admin.summaryMany', {
            n: 3,
            from: journey.date(next, 'long'),
            to: journey.date(last, 'long'),
          }),
        );
        const closeDate = `td[data-label="${journey.t('admin.closeDate')}"]`;
        const rows = await summary.locator(`tbody tr ${closeDate}`).allInnerTexts();
        expect(rows.map((row) => row.trim())).toEqual([
          ...dates.map((iso) => journey.date(iso)),
          journey.t('admin.totals', { n: 3 }),
        ]);
        const history = page.getByRole('table', { name: journey.t('admin.closesTitle') });
        await history.getByText(journey.date(last), { exact: true }).waitFor();
        await journey.check('close of business done, its summary');
        // The newest close first: the loan paid out in March is open, and nothing is late yet.
        const newest = history.locator('tbody tr').first();
        const cell = (label: string) =>
          newest.locator(`td[data-label="${journey.t(label)}"]`).innerText();
        expect(await cell('admin.closeDate')).toBe(journey.date(last));
        expect(await cell('admin.openLoans')).toBe('1');
        expect(await cell('admin.aged')).toBe('0');
        expect(await cell('admin.claimed')).toBe('0');

        await journey.menu('users', 'users.title');
        const accounts = page.getByRole('table', { name: journey.t('users.listTitle') });
        for (const username of ['officer', 'manager', 'admin'])
          await accounts.getByText(username, { exact: true }).waitFor();
        await journey.menu('audit', 'audit.title');
      } finally {
        await journey.close();
      }
    });

    it("goes round every screen of its menu, and reaches a loan's page to record a repayment", async () => {
      const journey = await Journey.open(browser, url, variant, 'admin', STAFF_USERNAMES);
      const { page } = journey;
      try {
        await journey.signInStaff('admin', 'admin-demo', 'admin.title');
        const items = await journey.visitWholeMenu();
        expect(items).toEqual(
          expect.arrayContaining(
            ['admin', 'users', 'audit', 'loans', 'collections', 'funds', 'portfolio'].map((item) =>
              journey.t(`nav.${item}`),
            ),
          ),
        );
        await journey.menu('loans', 'loans.title');
        await page.getByRole('link', { name: 'Familia Quispe Mamani', exact: true }).click();
        await journey.screen({ text: 'Familia Quispe Mamani' }, 'loan');
        await page.getByRole('heading', { name: journey.t('loan.repayTitle') }).waitFor();
      } finally {
        await journey.close();
      }
    });
  });
});
