import Decimal from 'decimal.js';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { newDocumentId } from '../support/application-factory';
import {
  DESKTOP,
  expectSpanishOnly,
  launchBrowser,
  openWindow,
  PHONE,
  screenText,
  signInStaff,
  startWebSystem,
  tableRows,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { spanishApplication } from './web-data';

/** How many pages a PDF that Chromium printed has (one "/Type /Page" object per page). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** "2026-06-26" + n days, as a calendar date. */
function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** SPEC.md: SBS classes for micro and small enterprise credits by days past due. */
function sbsClass(dpd: number): string {
  if (dpd > 120) return 'perdida';
  if (dpd >= 61) return 'dudoso';
  if (dpd >= 31) return 'deficiente';
  if (dpd >= 9) return 'cpp';
  return 'normal';
}
/** SPEC.md: a loan is claimed when its DPD reaches the claim threshold (default 90). */
const CLAIM_THRESHOLD_DAYS = 90;

/**
 * What closing each date of `dates` must do to `loans`, worked out from SPEC.md alone: DPD at D is
 * D − the due date of the oldest installment not fully paid (when it fell due before D); a loan is
 * aged at a close when it is behind then or was the day before; its class follows the SBS bands;
 * an active loan is claimed the first date its DPD reaches the threshold.
 */
function expectedCloses(
  loans: { oldestUnpaid: string | null; status: string }[],
  dates: string[],
): {
  businessDate: string;
  openLoans: number;
  aged: number;
  classChanges: number;
  claimed: number;
}[] {
  const dpd = (oldest: string | null, day: string) =>
    oldest !== null && oldest < day ? daysBetween(oldest, day) : 0;
  const state = loans.map((loan) => ({ ...loan }));
  return dates.map((day) => {
    const yesterday = plusDays(day, -1);
    const open = state.filter((loan) => loan.status === 'active' || loan.status === 'claimed');
    let aged = 0;
    let classChanges = 0;
    let claimed = 0;
    for (const loan of open) {
      const before = dpd(loan.oldestUnpaid, yesterday);
      const now = dpd(loan.oldestUnpaid, day);
      if (before > 0 || now > 0) aged += 1;
      if (sbsClass(before) !== sbsClass(now)) classChanges += 1;
      if (loan.status === 'active' && now >= CLAIM_THRESHOLD_DAYS) {
        loan.status = 'claimed';
        claimed += 1;
      }
    }
    return { businessDate: day, openLoans: open.length, aged, classChanges, claimed };
  });
}

/**
 * French amortisation of SPEC.md for the first installment of a loan: monthly rate
 * (1 + TEA)^(1/12) − 1, installment P·i / (1 − (1 + i)^−n), both rounded half-up to the céntimo.
 */
function firstInstallment(principal: string, tea: string, months: number) {
  const P = new Decimal(principal);
  const i = new Decimal(1).plus(tea).pow(new Decimal(1).div(12)).minus(1);
  const installment = P.mul(i)
    .div(new Decimal(1).minus(new Decimal(1).plus(i).pow(-months)))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const interest = P.mul(i).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { installment, interest, principal: installment.minus(interest) };
}

/** S/ 1,234.56 as the UI writes it (with a plain space for the no-break one). */
function soles(amount: Decimal | string): string {
  const [units, cents] = new Decimal(amount).toFixed(2).split('.');
  return `S/ ${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * Where a table is wider than its box, or the page wider than the window: every table on screen
 * (details opened) against the box it sits in, and the document against the viewport.
 */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // In the page (the test's compiler has no DOM types).
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    doc.querySelectorAll('main details').forEach((d) => (d.open = true));
    const problems: string[] = [];
    const root = doc.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page: ${root.scrollWidth} px in ${root.clientWidth} px`);
    doc.querySelectorAll('main table').forEach((table) => {
      if (table.offsetParent === null) return;
      const box = table.closest('.table-wrap') ?? table.parentElement;
      const name = table.querySelector('caption')?.textContent ?? table.className;
      const width = table.getBoundingClientRect().width;
      if (box.scrollWidth > box.clientWidth)
        problems.push(`${name}: ${box.scrollWidth} px in a box of ${box.clientWidth} px`);
      else if (width > box.getBoundingClientRect().width + 1)
        problems.push(`${name}: ${width} px in ${box.clientWidth} px`);
    });
    return problems;
  });
}

/** The little of the DOM the in-page checks use. */
interface PageElement {
  open: boolean;
  offsetParent: unknown;
  scrollWidth: number;
  clientWidth: number;
  className: string;
  textContent: string | null;
  parentElement: PageElement;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  getBoundingClientRect(): { width: number };
}
interface PageDocument {
  documentElement: PageElement;
  activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { forEach(fn: (el: PageElement) => void): void };
}
/** Until the screen has drawn what it was loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as unknown as { document: PageDocument }).document.querySelector(
        'main .loading, main [aria-busy="true"]',
      ),
  );
}

/** Goes to a screen through the main menu (in either language), and waits for its heading. */
async function openMenu(page: Page, item: string, heading: string): Promise<void> {
  await page.locator('.mainnav').getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * The review's fixes in the web UI: no preselected decision, a confirmation before a decision, a
 * reversal and a close of business (cancelled: nothing changes; confirmed: it happens), what a
 * close changed, the family's printable receipt of a repayment, tables that fit a phone and a
 * desktop, and admins reaching the loans. Spanish on the phone, English on the desktop.
 */
describe('Confirmations, the close summary, receipts and tables that fit', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  const loans = { condori: '', mamani: '', quispe: '' };
  let quispeApplication = '';
  const windows: BrowserContext[] = [];

  /** A staff member's window, signed in, on a phone in Spanish or a desktop in English. */
  async function windowOf(username: string, screen: 'phone' | 'desktop'): Promise<Page> {
    const { context, page } = await openWindow(browser, url, screen === 'phone' ? PHONE : DESKTOP);
    windows.push(context);
    // window.print() would open the print dialog: the test counts the calls and prints with page.pdf().
    await context.addInitScript(
      `window.printed = 0; window.print = () => { window.printed += 1; };`,
    );
    await page.reload();
    await signInStaff(page, username, `${username}-demo`);
    if (screen === 'desktop') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Español' }).waitFor();
    }
    return page;
  }

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_review'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('80000.00', 'BN-WEB-REVIEW');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-WEB-REVIEW');
    // Paid out on 2 March: PEN 3,000 over 12 months in Ccatca, PEN 6,000 over 18 in Ocongate.
    loans.condori = await staff.payOut(
      spanishApplication(
        {
          documentId: newDocumentId(),
          name: 'Familia Condori Huamán',
          municipality: 'Ccatca',
          valueChain: 'guinea_pig',
        },
        { amount: '3000.00', termMonths: 12, innovation: undefined, purpose: 'Galpón de cuyes' },
      ),
    );
    loans.mamani = await staff.payOut(
      spanishApplication({ documentId: newDocumentId(), name: 'Familia Mamani Ccori' }),
    );
    // PEN 12,500 over 18 months: more than PEN 10,000, so a fund manager approves it too.
    quispeApplication = await staff.registerScored(
      spanishApplication(
        { documentId: newDocumentId(), name: 'Familia Quispe Mamani' },
        { amount: '12500.00', termMonths: 18 },
      ),
    );
    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-04-02' })
      .expect(200);
    await system.settle();
  }, 240_000);
  afterAll(async () => {
    for (const context of windows) await context.close().catch(() => undefined);
    await browser?.close();
    await system?.close();
  });

  const dialog = (page: Page) => page.getByRole('dialog');
  const focusedText = (page: Page) =>
    page.evaluate<string | null>(`document.activeElement?.textContent?.trim() ?? null`);

  it('preselects no decision, and asks for one before confirming (phone, Spanish)', async () => {
    const officer = await windowOf('officer', 'phone');
    await officer.goto(`/#/applications/${quispeApplication}`);
    const form = officer.locator('form').filter({
      has: officer.getByRole('button', { name: 'Registrar la decisión' }),
    });
    await form.waitFor();
    for (const name of ['Aprobar', 'Rechazar', 'Pedir información'])
      expect(await form.getByRole('radio', { name, exact: true }).isChecked()).toBe(false);

    await form.getByRole('button', { name: 'Registrar la decisión' }).click();
    await form.getByText('Elija una decisión antes de registrarla.').waitFor();
    expect(await dialog(officer).count()).toBe(0);
    expect((await staff.application(quispeApplication)).status).toBe('in_review');
    await expectSpanishOnly(officer);
  });

  it('confirms an approval with what it means: cancelled, nothing changes; confirmed, it is recorded', async () => {
    const officer = await windowOf('officer', 'phone');
    await officer.goto(`/#/applications/${quispeApplication}`);
    const form = officer.locator('form').filter({
      has: officer.getByRole('button', { name: 'Registrar la decisión' }),
    });
    await form.getByRole('radio', { name: 'Aprobar', exact: true }).check();
    await form.getByRole('button', { name: 'Registrar la decisión' }).click();

    const question = '¿Aprobar S/ 12,500.00 a 18 meses para Familia Quispe Mamani?';
    await officer.getByRole('dialog', { name: question }).waitFor();
    // Cancel has the focus; Tab and Shift+Tab stay inside the dialog.
    expect(await focusedText(officer)).toBe('Cancelar');
    for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await officer.keyboard.press(key);
      expect(
        await officer.evaluate<boolean>(`!!document.activeElement?.closest('dialog[open]')`),
      ).toBe(true);
    }
    await expectSpanishOnly(officer);
    // Escape cancels.
    await officer.keyboard.press('Escape');
    await dialog(officer).waitFor({ state: 'detached' });
    // The Cancel button cancels too.
    await form.getByRole('button', { name: 'Registrar la decisión' }).click();
    await officer
      .getByRole('dialog', { name: question })
      .getByRole('button', { name: 'Cancelar' })
      .click();
    await dialog(officer).waitFor({ state: 'detached' });
    // So does Enter right after it opens: the focus is on Cancel.
    await form.getByRole('button', { name: 'Registrar la decisión' }).click();
    await dialog(officer).waitFor();
    await officer.keyboard.press('Enter');
    await dialog(officer).waitFor({ state: 'detached' });
    const untouched = await staff.application(quispeApplication);
    expect(untouched.status).toBe('in_review');
    expect(untouched.decision ?? null).toBeNull();

    await form.getByRole('button', { name: 'Registrar la decisión' }).click();
    await officer
      .getByRole('dialog', { name: question })
      .getByRole('button', { name: 'Sí, aprobar' })
      .click();
    await officer.getByText(/Decisión registrada para QL-.+\. Estado: /).waitFor();
    expect((await staff.application(quispeApplication)).status).toBe('awaiting_second_approval');
    await expectSpanishOnly(officer);
  });

  it("confirms the fund manager's second approval, with the officer's amount and term (desktop, English)", async () => {
    const manager = await windowOf('manager', 'desktop');
    await openMenu(manager, 'Approvals', 'Second approvals');
    const item = manager.locator('li').filter({ hasText: 'Familia Quispe Mamani' });
    await item.getByText('Decide here').click();
    expect(await item.getByRole('radio', { name: 'Approve', exact: true }).isChecked()).toBe(false);
    expect(await item.getByRole('radio', { name: 'Reject', exact: true }).isChecked()).toBe(false);
    await item.getByRole('radio', { name: 'Approve', exact: true }).check();
    await item.getByRole('button', { name: 'Record the decision' }).click();
    const question =
      'Give the second approval to S/ 12,500.00 over 18 months for Familia Quispe Mamani?';
    await manager.getByRole('dialog', { name: question }).waitFor();
    expect(await focusedText(manager)).toBe('Cancel');
    await manager.getByRole('button', { name: 'Cancel' }).click();
    await dialog(manager).waitFor({ state: 'detached' });
    expect((await staff.application(quispeApplication)).status).toBe('awaiting_second_approval');

    await item.getByRole('button', { name: 'Record the decision' }).click();
    await manager
      .getByRole('dialog', { name: question })
      .getByRole('button', { name: 'Yes, approve' })
      .click();
    await manager.getByText('No loans are waiting for your approval.').waitFor();
    const { loanId } = await staff.waitForStatus(quispeApplication, 'disbursed');
    loans.quispe = loanId;
    await system.settle();
  });

  it("prints the family's receipt after a repayment: the allocation and the balance after it, on one A4 page (phone, Spanish)", async () => {
    const officer = await windowOf('officer', 'phone');
    await officer.goto(`/#/loans/${loans.condori}`);
    await officer.getByRole('heading', { level: 1, name: 'Familia Condori Huamán' }).waitFor();
    await officer.getByLabel('Fecha del pago').fill('2026-04-02');
    await officer.getByLabel('Monto pagado (S/)').fill('300.00');
    await officer.getByLabel('N.° de recibo o de operación').fill('RCPT-0001');
    await officer.getByRole('button', { name: 'Registrar el pago' }).click();
    await officer.getByText('Pago registrado. Así se aplicó:').waitFor();

    // SPEC.md: PEN 3,000 at TEA 18 % over 12 months; 300.00 pays installment 1's interest and
    // principal, the rest is a prepayment; the principal left is 3,000 less both.
    const first = firstInstallment('3000.00', '0.18', 12);
    const prepayment = new Decimal('300.00').minus(first.installment);
    const balance = new Decimal('3000.00').minus(first.principal).minus(prepayment);
    expect(soles(balance)).toBe('S/ 2,741.67'); // the figures of loans-and-exports too

    await settled(officer);
    await officer.getByRole('button', { name: 'Imprimir el recibo para la familia' }).click();
    expect(await officer.evaluate<number>(`window.printed`)).toBe(1);
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('#app-header').isVisible()).toBe(false);
    expect(await officer.locator('main').isVisible()).toBe(false);
    const receipt = await screenText(officer, '#print-root .print-sheet');
    expect(receipt).toContain('Recibo de pago');
    expect(receipt).toMatch(/Recibo N\.°\s+RCPT-0001/);
    expect(receipt).toMatch(/Familia\s+Familia Condori Huamán/);
    expect(receipt).toMatch(/Crédito\s+QL-\w+/);
    expect(receipt).toMatch(/Fecha del pago\s+2 de abril de 2026/);
    expect(receipt).toMatch(/Monto pagado\s+S\/ 300\.00/);
    expect(receipt).toMatch(/Interés moratorio\s+S\/ 0\.00/);
    expect(receipt).toMatch(
      new RegExp(`Interés\\s+${soles(first.interest).replace(/[/.]/g, '\\$&')}`),
    );
    expect(receipt).toMatch(
      new RegExp(`Capital\\s+${soles(first.principal).replace(/[/.]/g, '\\$&')}`),
    );
    expect(receipt).toMatch(
      new RegExp(
        `Prepago \\(reduce las últimas cuotas\\)\\s+${soles(prepayment).replace(/[/.]/g, '\\$&')}`,
      ),
    );
    expect(receipt).toMatch(/Total pagado\s+S\/ 300\.00/);
    expect(receipt).toMatch(/Saldo de capital después de este pago:\s+S\/ 2,741\.67/);
    expect(receipt).toMatch(/Registrado por officer el /);
    // Back to no emulation: page.pdf() prints with the print stylesheet, as a browser would.
    await officer.emulateMedia({ media: null });
    expect(pdfPages(await officer.pdf({ format: 'A4' }))).toBe(1);
    expect(pdfPages(await officer.pdf({ format: 'Letter' }))).toBe(1);
  });

  it('confirms a reversal: cancelled, the repayment stands; confirmed, it is reversed (desktop, English)', async () => {
    // A second repayment the same day, typed wrong: the fund manager reverses it.
    await staff
      .as('officer')
      .post(`/api/loans/${loans.condori}/repayments`, {
        amount: '50.00',
        paidOn: '2026-04-02',
        externalRef: 'RCPT-0002',
      })
      .expect(201);
    await system.settle();
    const manager = await windowOf('manager', 'desktop');
    await manager.goto(`/#/loans/${loans.condori}`);
    const card = manager.locator('section.card').filter({ hasText: 'Repayments of the loan' });
    await card.locator('table tbody tr').nth(1).waitFor();
    const reverse = async () => {
      await card.getByRole('button', { name: 'Reverse' }).click();
      await card.getByLabel('Reason for the reversal').fill('The receipt says S/ 5.00');
      await card.getByRole('button', { name: 'Continue' }).click();
    };
    const question = 'Reverse repayment RCPT-0002 of S/ 50.00 paid on 2 Apr 2026?';
    await reverse();
    await manager.getByRole('dialog', { name: question }).waitFor();
    expect(await focusedText(manager)).toBe('Cancel');
    expect(await screenText(manager, 'dialog')).toContain(
      'Reason for the reversal: The receipt says S/ 5.00',
    );
    await manager.keyboard.press('Escape');
    await dialog(manager).waitFor({ state: 'detached' });
    const repaymentsNow = async () =>
      (await staff.as('manager').get(`/api/loans/${loans.condori}/repayments`).expect(200)).body
        .items;
    expect((await repaymentsNow()).map((r: { reversal: unknown }) => r.reversal)).toEqual([
      null,
      null,
    ]);

    await card.getByRole('button', { name: 'Continue' }).click();
    await manager
      .getByRole('dialog', { name: question })
      .getByRole('button', { name: 'Yes, reverse the repayment' })
      .click();
    await manager
      .getByText('Repayment RCPT-0002 of S/ 50.00 was reversed. The loan is as it was before it.')
      .waitFor();
    const [, reversed] = await repaymentsNow();
    expect(reversed.reversal).toEqual(
      expect.objectContaining({ by: 'manager', reason: 'The receipt says S/ 5.00' }),
    );
    const loan = (await staff.as('manager').get(`/api/loans/${loans.condori}`).expect(200)).body;
    expect(loan.outstandingPrincipal).toBe('2741.67');
  });

  it("prints a past repayment's receipt in Spanish from an English screen, with the balance after it", async () => {
    const manager = await windowOf('manager', 'desktop');
    await manager.goto(`/#/loans/${loans.condori}`);
    const card = manager.locator('section.card').filter({ hasText: 'Repayments of the loan' });
    await card.locator('table tbody tr').nth(1).waitFor();
    // The reversed one has no receipt: the family paid nothing by it.
    expect(await card.getByRole('button', { name: 'Print receipt RCPT-0002' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Print receipt RCPT-0001' }).click();
    await manager.emulateMedia({ media: 'print' });
    const receipt = await screenText(manager, '#print-root .print-sheet');
    expect(await manager.locator('#print-root .print-sheet').getAttribute('lang')).toBe('es');
    expect(receipt).toMatch(/Fecha del pago\s+2 de abril de 2026/);
    expect(receipt).toMatch(/Total pagado\s+S\/ 300\.00/);
    // 3,000.00 − 231.47 − 26.86: the reversed 50.00 changes nothing.
    expect(receipt).toMatch(/Saldo de capital después de este pago:\s+S\/ 2,741\.67/);
    expect(receipt).toMatch(/Registrado por officer el /);
    expect(receipt).not.toMatch(/Outstanding|Receipt|Principal/);
    await manager.emulateMedia({ media: null });
    expect(pdfPages(await manager.pdf({ format: 'A4' }))).toBe(1);
  });

  it('confirms a close of business and shows what it changed, date by date and in total (desktop, English)', async () => {
    // The season until 25 June through the API: Mamani never pays (installment 1 of 2 April
    // unpaid), the Condoris paid installment 1 only, the Quispes (paid out on 2 April) nothing.
    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-06-25' })
      .expect(200);
    await system.settle(60_000);
    const before = await Promise.all(
      [loans.condori, loans.mamani, loans.quispe].map(async (id) => {
        const loan = (await staff.as('officer').get(`/api/loans/${id}`).expect(200)).body;
        const unpaid = (loan.schedule as { dueDate: string; status: string }[]).find(
          (line) => line.status !== 'paid',
        );
        return { oldestUnpaid: unpaid?.dueDate ?? null, status: loan.status as string };
      }),
    );
    expect(before.map((l) => l.oldestUnpaid)).toEqual(['2026-05-02', '2026-04-02', '2026-05-02']);
    const dates = Array.from({ length: 7 }, (_, i) => plusDays('2026-06-26', i));
    const expected = expectedCloses(before, dates);
    const sum = (key: 'aged' | 'classChanges' | 'claimed') =>
      expected.reduce((total, close) => total + close[key], 0);
    // What SPEC.md says for these three loans from 26 June to 2 July: every one behind each day
    // (3 × 7), Mamani claimed at 90 days on 1 July, the other two Dudoso at 61 days on 2 July.
    expect([sum('aged'), sum('classChanges'), sum('claimed')]).toEqual([21, 2, 1]);

    const admin = await windowOf('admin', 'desktop');
    await openMenu(admin, 'Operations', 'Operations');
    await admin.getByText(/Thursday,? 25 June 2026/).waitFor();
    await admin.getByLabel('Close up to date').fill('2026-07-02');
    await admin.getByRole('button', { name: 'Run the close of business' }).click();
    const question = 'Close 7 business dates, from 26 June 2026 to 2 July 2026?';
    await admin.getByRole('dialog', { name: question }).waitFor();
    expect(await focusedText(admin)).toBe('Cancel');
    await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await dialog(admin).waitFor({ state: 'detached' });
    const businessDate = async () =>
      (await staff.as('admin').get('/api/admin/business-date').expect(200)).body.businessDate;
    expect(await businessDate()).toBe('2026-06-25');

    await admin.getByRole('button', { name: 'Run the close of business' }).click();
    await admin
      .getByRole('dialog', { name: question })
      .getByRole('button', { name: 'Yes, run the close of business' })
      .click();
    await admin.getByText('Close of business done. The business date is now 2 July 2026.').waitFor({
      timeout: 60_000,
    });
    expect(await businessDate()).toBe('2026-07-02');

    const summary = admin.locator('section.card').filter({ hasText: 'What this close changed' });
    await summary.getByText('7 dates were closed, from 26 June 2026 to 2 July 2026.').waitFor();
    const rows = await tableRows(summary);
    const short = (day: string) =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      );
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ...expected.map((close) => [
        short(close.businessDate),
        String(close.openLoans),
        String(close.aged),
        String(close.classChanges),
        String(close.claimed),
      ]),
      [
        'Total of the 7 dates',
        '—',
        String(sum('aged')),
        String(sum('classChanges')),
        String(sum('claimed')),
      ],
    ]);
    expect(await screenText(admin, '.close-summary__totals')).toMatch(
      new RegExp(
        `Past due\\s+${sum('aged')}\\s+Class changes\\s+${sum('classChanges')}\\s+Guarantees claimed\\s+${sum('claimed')}\\s+Open loans\\s+3`,
      ),
    );
    // The history agrees, newest first.
    const history = admin.locator('section.card').filter({ hasText: 'Close-of-business history' });
    await history.getByText(short('2026-07-02')).first().waitFor();
    expect((await tableRows(history)).slice(0, 7).map((row) => row[0])).toEqual(
      [...dates].reverse().map(short),
    );
    expect(await overflows(admin)).toEqual([]);
  }, 180_000);

  it('gives admins the loans list and a loan, where they record repayments (phone, Spanish)', async () => {
    const admin = await windowOf('admin', 'phone');
    await openMenu(admin, 'Créditos', 'Créditos');
    await admin.locator('table tbody tr').nth(2).waitFor();
    const rows = await tableRows(admin);
    expect(rows.map((row) => row[0]).sort()).toEqual([
      'Familia Condori Huamán',
      'Familia Mamani Ccori',
      'Familia Quispe Mamani',
    ]);
    await admin.getByRole('link', { name: 'Familia Mamani Ccori' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Familia Mamani Ccori' }).waitFor();
    await admin.getByRole('button', { name: 'Registrar el pago' }).waitFor();
    await admin
      .locator('section.card')
      .filter({ hasText: 'Calendario' })
      .locator('tbody tr')
      .first()
      .waitFor();
    expect(await overflows(admin)).toEqual([]);
    await expectSpanishOnly(admin);
  });

  it("prints a district's collection sheet from a phone as a table on one page (phone, Spanish)", async () => {
    const officer = await windowOf('officer', 'phone');
    await officer.goto('/#/collections?date=2026-07-02&municipality=Ocongate');
    await officer.locator('.sheet__meta').getByText('Ocongate').waitFor();
    await officer.locator('.sheet table tbody tr').nth(1).waitFor();
    // On the phone's screen each family is a card; the blank columns are for paper.
    const rowDisplay = () =>
      officer
        .locator('.sheet tbody tr')
        .first()
        .evaluate(
          (tr) =>
            (
              globalThis as unknown as {
                getComputedStyle: (el: unknown) => { display: string };
              }
            ).getComputedStyle(tr).display,
        );
    expect(await rowDisplay()).toBe('block');
    expect(await officer.locator('.sheet td.sheet__blank').first().isVisible()).toBe(false);
    expect(await overflows(officer)).toEqual([]);

    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('#app-header').isVisible()).toBe(false);
    expect(await officer.getByRole('button', { name: 'Imprimir' }).isVisible()).toBe(false);
    expect(await rowDisplay()).toBe('table-row');
    expect(await officer.locator('.sheet td.sheet__blank').first().isVisible()).toBe(true);
    const columns = await officer
      .locator('.sheet thead th')
      .evaluateAll((ths) => ths.map((th) => (th as unknown as { innerText: string }).innerText));
    expect(columns).toEqual([
      'N.°',
      'Familia',
      'Código',
      'Debe desde',
      'Días de atraso',
      'A pagar',
      'Pagó',
      'Firma',
    ]);
    await officer.emulateMedia({ media: null });
    expect(pdfPages(await officer.pdf({ format: 'A4' }))).toBe(1);
    expect(pdfPages(await officer.pdf({ format: 'Letter' }))).toBe(1);

    // Every district (one column more) still fits the width of an A4 sheet: 210 mm less 2 × 12 mm
    // of margins is 703 CSS pixels.
    await officer.goto('/#/collections?date=2026-07-02');
    await officer.getByText('Todos los distritos').waitFor();
    await officer.locator('.sheet table tbody tr').nth(2).waitFor();
    await officer.setViewportSize({ width: 703, height: 990 });
    await officer.emulateMedia({ media: 'print' });
    expect(await overflows(officer)).toEqual([]);
    await officer.emulateMedia({ media: null });
    expect(pdfPages(await officer.pdf({ format: 'A4' }))).toBe(1);
  });

  describe.each([
    ['phone', 'Spanish'],
    ['desktop', 'English'],
  ] as const)('on a %s, in %s, no table is wider than its box', (screen, _language) => {
    const screens: Record<string, string[]> = {
      officer: ['applications', 'loans', 'LOAN', 'collections?date=2026-07-02', 'queue'],
      manager: ['portfolio', 'audit', 'LOAN', 'approvals', 'funds'],
      admin: [
        'admin',
        'users',
        'audit',
        'loans',
        'collections?date=2026-07-02&municipality=Ocongate',
      ],
    };
    it.each(Object.keys(screens))('for the %s', async (username) => {
      const page = await windowOf(username, screen);
      const found: string[] = [];
      for (const path of screens[username]) {
        await page.goto(`/#/${path === 'LOAN' ? `loans/${loans.condori}` : path}`);
        await page.locator('main h1').first().waitFor();
        await settled(page);
        await eventually(async () => expect(await page.locator('main .loading').count()).toBe(0));
        for (const problem of await overflows(page)) found.push(`${path}: ${problem}`);
      }
      expect(found).toEqual([]);
    });
  });
});
