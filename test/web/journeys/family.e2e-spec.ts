import { Browser, Response } from 'playwright-core';
import { newDocumentId } from '../../support/application-factory';
import { PHONE } from '../../support/browser';
import { StaffClient } from '../../support/staff-client';
import { TestSystem } from '../../support/test-system';
import { spanishApplication } from '../web-data';
import { Journey, shellKept, spaced, startJourneys, VARIANTS } from './journey';

/**
 * A family follows its application and its loan from a phone (in Spanish) or a computer (in
 * English), with the code and PIN its loan officer wrote down. Every screen is checked.
 *
 * The money of the payout (approved, fee, grant, received) and the copy kept on the phone, read
 * with no signal, are in its loan journey; family-page.e2e-spec.ts goes through refused grants and
 * a session that ended in depth.
 *
 * Waiting for: the timeline's coded sentences; sign-in feedback and deep links (a link to
 * #/my before signing in lands there after it).
 */
describe('Journey: a family', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  /** API.md's example family, paid out on 2 March 2026; and one whose application is in review. */
  const paidOut = { reference: '', pin: '', loanId: '' };
  const inReview = { reference: '', pin: '' };

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url, browser, staff } = await startJourneys('journey_family'));
    const documentId = newDocumentId();
    const { body: first } = await staff
      .as('officer')
      .post('/api/applications', spanishApplication({ documentId }))
      .expect(201);
    Object.assign(paidOut, { reference: first.reference, pin: first.pin });
    const { body: second } = await staff
      .as('officer')
      .post(
        '/api/applications',
        spanishApplication(
          { documentId: newDocumentId(), name: 'Familia Huamán Ccori', valueChain: 'guinea_pig' },
          { amount: '3000.00', termMonths: 12, innovation: undefined, purpose: 'Galpón de cuyes' },
        ),
      )
      .expect(201);
    Object.assign(inReview, { reference: second.reference, pin: second.pin });
    await staff.waitForStatus(first.id, 'in_review');
    await staff.approve(first.id, 'Visitamos el establo');
    await staff.waitForStatus(first.id, 'disbursed');
    const { body: loans } = await staff.as('officer').get(`/api/loans?q=${documentId}`).expect(200);
    paidOut.loanId = loans.items[0].id;
    await staff.waitForStatus(second.id, 'in_review');
    await system.settle();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  /** The family's sign-in, as typed from the paper: in Spanish lower case and without "QL-". */
  async function signIn(journey: Journey, family: { reference: string; pin: string }) {
    await journey.check('sign-in');
    const typed =
      journey.lang === 'es' ? family.reference.slice(3).toLowerCase() : family.reference;
    await journey.label('login.reference').fill(typed);
    await journey.label('login.pin').fill(family.pin);
    await journey.button('login.submit').click();
    await journey.screen('family.title', 'my application');
  }

  describe.each(VARIANTS)('$name', (variant) => {
    it('signs in with its code and PIN and sees its loan: its money, the next installment, the schedule; offline too', async () => {
      const journey = await Journey.open(browser, url, variant, 'family');
      try {
        await signIn(journey, paidOut);
        const { page } = journey;
        await page.getByRole('heading', { name: journey.t('family.loanTitle') }).waitFor();
        await page.getByRole('heading', { name: journey.t('family.scheduleTitle') }).waitFor();
        await journey.check('my loan');
        const text = await journey.text();
        expect(text).toContain(paidOut.reference);
        expect(text).toContain(journey.t('status.disbursed'));
        expect(text).toContain('S/ 6,000.00'); // what the family asked for
        expect(text).toContain(journey.t('family.upToDate'));
        // The French schedule's first installment: 379.03, due a month after the payout.
        const due = journey.lang === 'es' ? '2 de abril de 2026' : '2 April 2026';
        const next = (await page.locator('.next-installment').innerText()).replace(/\s+/g, ' ');
        expect(next).toContain('S/ 379.03');
        expect(next).toContain(journey.t('family.dueOn', { date: due }));
        expect(await page.locator('.schedule__row').count()).toBe(18);
        if (variant.viewport.width === PHONE.width) {
          // Nothing wider than the phone: no sideways scrolling to read it.
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
            PHONE.width,
          );
        }

        // Its money: 6,000.00 approved; the fund's fee, 1.5 % of the 70 % it guarantees (63.00);
        // the 3,000.00 grant it asked for (the budget had 20,000.00): 8,937.00 received, as the
        // API's loan says.
        const { body: loan } = await staff.as('officer').get(`/api/loans/${paidOut.loanId}`);
        expect(loan).toMatchObject({ guaranteeFee: '63.00', grant: '3000.00', payout: '8937.00' });
        const money = page.locator('section, .card', {
          has: page.getByRole('heading', { name: journey.t('familyMoney.title') }),
        });
        const facts = spaced(await journey.text(money.last()));
        expect(facts).toContain(`${journey.t('familyMoney.approved')} S/ 6,000.00`);
        expect(facts).toContain(`${journey.t('familyMoney.fee')} S/ 63.00`);
        expect(facts).toContain(`${journey.t('familyMoney.grant')} S/ 3,000.00`);
        expect(facts).toContain(`${journey.t('familyMoney.received')} S/ 8,937.00`);
        expect(facts).toContain(
          journey.t('familyMoney.sum', {
            approved: 'S/ 6,000.00',
            fee: 'S/ 63.00',
            grant: 'S/ 3,000.00',
            received: 'S/ 8,937.00',
          }),
        );
        expect(facts).toContain(journey.t('familyMoney.repayGrant', { approved: 'S/ 6,000.00' }));

        // No signal, and the page is opened again: the copy kept on the phone, with its date.
        await page.getByText(journey.t('familyCopy.kept')).waitFor();
        await shellKept(page);
        await journey.context.setOffline(true);
        try {
          await page.reload();
          const banner = page.locator('.offline-banner');
          await banner.waitFor();
          const when = new Intl.DateTimeFormat(journey.lang === 'es' ? 'es-PE' : 'en-GB', {
            dateStyle: 'medium',
            timeZone: 'America/Lima',
          }).format(new Date());
          const lead = spaced(await banner.locator('.banner__lead').innerText());
          expect(lead).toMatch(journey.pattern('familyCopy.offline'));
          expect(lead).toContain(spaced(when)); // saved today, minutes ago (Peru time)
          await journey.screen('family.title', 'my loan, offline copy');
          const offline = spaced(await journey.text());
          expect(offline).toContain(paidOut.reference);
          expect(offline).toContain(`${journey.t('familyMoney.received')} S/ 8,937.00`);
          expect(spaced(await page.locator('.next-installment').innerText())).toContain(
            'S/ 379.03',
          );
          expect(await page.locator('.schedule__row').count()).toBe(18);
        } finally {
          await journey.context.setOffline(false);
        }
      } finally {
        await journey.close();
      }
    });

    it('signs in while its application is in review and sees where it stands, without a loan', async () => {
      const journey = await Journey.open(browser, url, variant, 'family in review');
      try {
        await signIn(journey, inReview);
        const text = await journey.text();
        expect(text).toContain(inReview.reference);
        expect(text).toContain(journey.t('status.in_review'));
        expect(text).toContain(journey.t('statusHelp.in_review'));
        expect(text).toContain('S/ 3,000.00');
        expect(text).not.toContain(journey.t('family.loanTitle'));
      } finally {
        await journey.close();
      }
    });
  });

  it('is served as a browser keeps it: the shell checked every time, the assets kept a year, in brotli', async () => {
    // A first visit: a new window, its cache empty, every response watched from the first.
    const context = await browser.newContext({ viewport: PHONE, baseURL: url });
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      const served = await Promise.all(
        responses
          .filter((r) => new URL(r.url()).origin === url)
          .map(async (r) => ({ path: new URL(r.url()).pathname, headers: await r.allHeaders() })),
      );
      const shell = served.find((r) => r.path === '/');
      expect(shell?.headers['cache-control']).toBe('no-cache');
      const assets = served.filter((r) => r.path.startsWith('/assets/'));
      // What a phone downloads is the app shell the service worker keeps (the bundle, the chunks
      // it imports, the stylesheet) and nothing else: the fund manager's chart screens stay out.
      const worker = await (await context.request.get('/sw.js')).text();
      const shellFiles: string[] = JSON.parse(/const SHELL = (\[[^\]]*\]);/.exec(worker)![1]);
      const shellAssets = shellFiles.filter((path) => path.startsWith('/assets/')).sort();
      expect([...new Set(assets.map((r) => r.path))].sort()).toEqual(shellAssets);
      expect(shellAssets.map((path) => path.replace(/\.[A-Z0-9]{8}\./, '.'))).toEqual(
        expect.arrayContaining(['/assets/app.js', '/assets/styles.css']),
      );
      for (const asset of assets) {
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(asset.headers['content-encoding']).toBe('br');
      }
    } finally {
      await context.close();
    }
  });
});
