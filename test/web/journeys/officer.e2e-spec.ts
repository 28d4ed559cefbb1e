import { Browser } from 'playwright-core';
import { newDocumentId } from '../../support/application-factory';
import { eventually } from '../../support/eventually';
import { StaffClient } from '../../support/staff-client';
import { TestSystem } from '../../support/test-system';
import { spanishApplication } from '../web-data';
import { Journey, spaced, STAFF_USERNAMES, startJourneys, VARIANTS } from './journey';

/**
 * A loan officer's day: an application typed with no signal and sent once the signal is back, the
 * review queue, an application opened and approved (after its confirmation), then a family's
 * repayment recorded on its loan and its receipt printed. In Spanish on a phone (in the field) and
 * in English at a desk; every screen is checked. (The drafts' lost answers and retries are
 * offline-drafts.e2e-spec's; the receipts of past and reversed repayments are review-fixes'.)
 */
describe('Journey: a loan officer', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  /** Per journey: an application waiting in the queue, and a family whose loan is paid out. */
  const families: Record<
    string,
    { review: { id: string; reference: string; name: string }; loan: string }
  > = {
    'es · phone': {
      review: { id: '', reference: '', name: 'Familia Condori Apaza' },
      loan: 'Familia Mamani Quispe',
    },
    'en · desktop': {
      review: { id: '', reference: '', name: 'Familia Huarca Nina' },
      loan: 'Familia Yucra Vilca',
    },
  };
  /** Per journey: the family whose application is typed with no signal. */
  const drafted: Record<string, string> = {
    'es · phone': 'Familia Ttito Quispe',
    'en · desktop': 'Familia Cusi Roque',
  };

  /** The applications the API holds for a DNI, as the officer would find them. */
  async function applicationsOf(documentId: string) {
    const { body } = await staff.as('officer').get(`/api/applications?q=${documentId}`).expect(200);
    return body as { total: number; items: { reference: string }[] };
  }

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url, browser, staff } = await startJourneys('journey_officer'));
    for (const family of Object.values(families)) {
      // API.md's example request (PEN 6,000 over 18 months): within an officer's own approval.
      const { body } = await staff
        .as('officer')
        .post(
          '/api/applications',
          spanishApplication({ documentId: newDocumentId(), name: family.review.name }),
        )
        .expect(201);
      Object.assign(family.review, { id: body.id, reference: body.reference });
      await staff.payOut(spanishApplication({ documentId: newDocumentId(), name: family.loan }));
      await staff.waitForStatus(body.id, 'in_review');
    }
    await system.settle();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  describe.each(VARIANTS)('$name', (variant) => {
    it('types an application with no signal: kept as a draft, sent once when the signal is back', async () => {
      const name = drafted[variant.name];
      const documentId = newDocumentId();
      const journey = await Journey.open(browser, url, variant, 'officer', STAFF_USERNAMES);
      const { page, context } = journey;
      try {
        await journey.signInStaff('officer', 'officer-demo', 'queue.title');
        await context.setOffline(true);
        await journey.menu('new', 'newApp.title');
        await page.getByText(journey.t('offline.noSignal')).waitFor();
        await journey.label('newApp.name').fill(name);
        await journey.label('newApp.documentId').fill(documentId);
        await journey.label('newApp.municipality').fill('Ocongate');
        await journey.label('newApp.valueChain').selectOption('dairy');
        await journey.label('newApp.years').fill('6');
        await journey.label('newApp.amount').fill('6000.00');
        await journey.label('newApp.term').fill('18');
        await journey.label('newApp.purpose').fill('Ordeñadora y tanque de enfriamiento');
        await journey.label('newApp.hasInnovation').uncheck();
        await journey.label('newApp.revenue').fill('3200.00');
        await journey.label('newApp.costs').fill('1400.00');
        await journey.label('newApp.household').fill('700.00');
        await page.getByText(journey.pattern('newApp.draftSaved')).waitFor();
        await journey.check('new application, offline draft');
        await journey.button('newApp.submit').click();
        await journey.screen('newApp.savedTitle', 'kept on the phone');
        expect(await journey.text()).toContain(journey.t('newApp.savedOffline', { name }));
        expect((await applicationsOf(documentId)).total).toBe(0);

        // The signal comes back: the draft goes by itself, and the family is registered once.
        await context.setOffline(false);
        await eventually(async () => expect((await applicationsOf(documentId)).total).toBe(1));
        await journey.menu('drafts', 'drafts.title');
        const sent = page.getByRole('heading', { name: journey.t('drafts.sentTitle') });
        await sent.waitFor();
        await page.getByText(journey.t('drafts.empty')).waitFor();
        await journey.check('drafts: sent');
        const { total, items } = await applicationsOf(documentId);
        expect(total).toBe(1);
        expect(await journey.text()).toContain(items[0].reference);
      } finally {
        await journey.context.setOffline(false);
        await journey.close();
      }
    });

    it('works the queue: opens an application, reads its score and approves it', async () => {
      const { review } = families[variant.name];
      const journey = await Journey.open(browser, url, variant, 'officer', STAFF_USERNAMES);
      const { page } = journey;
      try {
        await journey.signInStaff('officer', 'officer-demo', 'queue.title');
        await page.getByRole('link', { name: review.name }).click();
        await journey.screen(
          { text: journey.t('detail.title', { ref: review.reference }) },
          'application',
        );
        const text = await journey.text();
        // API.md's example scores 80 / A: an installment of 379.03 and at most 6,965.14.
        expect(text).toContain('S/ 379.03');
        expect(text).toContain('S/ 6,965.14');
        expect(text).toContain(journey.t('status.in_review'));

        await journey.label('decide.approve').check();
        await journey.label('decide.reason').fill('Visitamos el establo: 12 vacas en producción');
        await journey.button('decide.submit').click();
        const done = page.getByText(
          journey.t('decide.done', { ref: review.reference, status: journey.t('status.approved') }),
        );
        // Asked first, with the amount, the term and the family the approval is for.
        const asked = await journey.confirmIfAsked(done, 'decision');
        expect(asked).toContain(
          journey.t('decide.confirmApprove', { amount: 'S/ 6,000.00', n: 18, name: review.name }),
        );
        await journey.check('application approved');
        await staff.waitForStatus(review.id, 'disbursed');
      } finally {
        await journey.close();
      }
    });

    it("records a family's repayment on its loan and sees how it was applied", async () => {
      const { loan } = families[variant.name];
      const journey = await Journey.open(browser, url, variant, 'officer', STAFF_USERNAMES);
      const { page } = journey;
      const receiptNumber = `REC-${variant.lang}-0001`;
      try {
        await journey.signInStaff('officer', 'officer-demo', 'queue.title');
        await journey.menu('loans', 'loans.title');
        await page.getByRole('link', { name: loan, exact: true }).click();
        await journey.screen({ text: loan }, 'loan');
        expect(await journey.text()).toContain('S/ 6,000.00'); // principal, all outstanding

        // The first installment, paid on the business date (the day of the payout).
        await journey.label('loan.amount').fill('379.03');
        await journey.label('loan.paidOn').fill('2026-03-02');
        await journey.label('loan.externalRef').fill(receiptNumber);
        await journey.button('loan.submit').click();
        await journey.confirmIfAsked(page.getByText(journey.t('loan.allocated')), 'repayment');
        await journey.check('repayment recorded');
        const repayments = page.locator('table', { hasText: receiptNumber });
        await repayments.waitFor();
        // Paid before anything fell due: all of it goes to the last installments.
        expect(await journey.text(repayments)).toContain(
          `${journey.t('repayments.prepayment')} S/ 379.03`,
        );

        // The family's receipt, on paper (always in Spanish): the allocation, and the principal
        // left: 6,000.00 less the 379.03 prepaid.
        await page.evaluate('window.print = () => undefined'); // no print dialog in a test
        await journey.button('repayments.printReceipt').click();
        await page.emulateMedia({ media: 'print' });
        try {
          const receipt = spaced(await journey.text('#print-root .print-sheet'));
          const es = (key: string) => journey.t(key, {}, 'es');
          expect(receipt).toContain(es('receipt.title'));
          expect(receipt).toContain(`${es('receipt.number')} ${receiptNumber}`);
          expect(receipt).toContain(`${es('receipt.family')} ${loan}`);
          expect(receipt).toContain(`${es('receipt.amount')} S/ 379.03`);
          expect(receipt).toContain(`${es('receipt.interest')} S/ 0.00`);
          expect(receipt).toContain(`${es('receipt.principal')} S/ 0.00`);
          expect(receipt).toContain(`${es('receipt.prepayment')} S/ 379.03`);
          expect(receipt).toContain(`${es('receipt.total')} S/ 379.03`);
          expect(receipt).toContain(`${es('receipt.balanceAfter')} S/ 5,620.97`);
          await journey.check('receipt, printed');
        } finally {
          await page.emulateMedia({ media: null });
        }
      } finally {
        await journey.close();
      }
    });

    it('goes round every screen of its menu', async () => {
      const journey = await Journey.open(browser, url, variant, 'officer', STAFF_USERNAMES);
      try {
        await journey.signInStaff('officer', 'officer-demo', 'queue.title');
        const items = await journey.visitWholeMenu();
        expect(items).toEqual(
          expect.arrayContaining(
            ['queue', 'new', 'applications', 'loans', 'collections'].map((item) =>
              journey.t(`nav.${item}`),
            ),
          ),
        );
      } finally {
        await journey.close();
      }
    });
  });
});
