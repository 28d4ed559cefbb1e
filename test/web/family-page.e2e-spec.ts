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
  startWebSystem,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { spanishApplication } from './web-data';

/** The figures a family should read, worked out here from the programme's rules, not by the app. */
function expectedLoan(principal: string, grant: string) {
  // The guarantee fund covers 70 % of the principal and charges 1.5 % of that, once, at payout.
  const fee = new Decimal(principal).mul('0.70').mul('0.015').toDecimalPlaces(2);
  // The French installment at TEA 18 % over 18 months: P·r / (1 − (1 + r)^−18), r = 1.18^(1/12) − 1.
  const r = new Decimal('1.18').pow(new Decimal(1).div(12)).minus(1);
  const installment = new Decimal(principal)
    .mul(r)
    .div(new Decimal(1).minus(r.plus(1).pow(-18)))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const received = new Decimal(principal).minus(fee).plus(grant);
  return {
    fee: fee.toFixed(2),
    installment: installment.toFixed(2),
    received: received.toFixed(2),
  };
}

/** "6000.00" → "S/ 6,000.00", as a person reads it (screenText turns no-break spaces into spaces). */
const soles = (amount: string) =>
  `S/ ${new Decimal(amount).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** Whether this browser keeps a copy of the family's page for `reference` (read from IndexedDB). */
function savedCopyOf(page: Page, reference: string): Promise<{ savedAt: string } | null> {
  // A script for the page (this project's types know no DOM): the copy under its key, or null.
  return page.evaluate(`new Promise((resolve) => {
    const request = indexedDB.open('qollqa-family');
    // Never create the database here: the app must find it as it made it.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onerror = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('copies')) return resolve(null);
      const get = db.transaction('copies').objectStore('copies').get(${JSON.stringify(reference)});
      get.onsuccess = () => (db.close(), resolve(get.result ?? null));
      get.onerror = () => (db.close(), resolve(null));
    };
  })`);
}

/** Signs a family in on the sign-in form, as it would, in the screen's language. */
async function signInFamily(
  page: Page,
  family: { reference: string; pin: string },
  labels = { reference: 'Código de la solicitud', pin: 'Clave (PIN) de 6 números', go: 'Ingresar' },
) {
  await page.getByLabel(labels.reference).fill(family.reference);
  await page.getByLabel(labels.pin).fill(family.pin);
  await page.getByRole('button', { name: labels.go }).click();
}

/**
 * The family's own page on a phone: the money of its payout (approved amount, guarantee fee, the
 * grant or why it was refused, what it received), the next installment, and the page kept on the
 * phone for when there is no signal.
 */
describe("The family's page: its money, and readable offline", () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  /** API.md's family, whose grant of 3,000.00 finds 1,000.00 left in the innovation fund. */
  let refused: { reference: string; pin: string };
  /** A second family asking for a grant of 800.00, which fits. */
  let granted: { reference: string; pin: string };

  /** Waits (generously: the machine may be busy) until the application reaches `status`. */
  const reaches = (id: string, status: string) =>
    eventually(async () => {
      const application = await staff.application(id);
      expect([id, application.status]).toEqual([id, status]);
      return application;
    }, 60_000);

  /** Registers a family in Spanish, approves it and waits until its loan is paid out. */
  async function payOut(request: Record<string, unknown> = {}) {
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', spanishApplication({ documentId: newDocumentId() }, request))
      .expect(201);
    await reaches(created.id, 'in_review');
    await staff.approve(created.id, 'Visitamos el establo');
    const { loanId } = await reaches(created.id, 'disbursed');
    // The repayment service opens the loan from the same event, maybe a moment later.
    await eventually(async () => {
      const { status } = await staff.as('officer').get(`/api/loans/${loanId}`);
      expect([loanId, status]).toEqual([loanId, 200]);
    }, 60_000);
    return { reference: created.reference as string, pin: created.pin as string };
  }

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_family_page'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-FAMILY-1');
    await staff.addInnovationBudget('1000.00', 'MINAGRI-FAMILY-1'); // too little for 3,000.00
    refused = await payOut();
    granted = await payOut({
      innovation: {
        description: 'Tanque de enfriamiento',
        cost: '2000.00',
        grantRequested: '800.00',
      },
    });
    await system.settle();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('shows a family on a phone, in Spanish, what it received and why there was no grant; offline too', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    const money = expectedLoan('6000.00', '0.00');
    expect(money).toEqual({ fee: '63.00', installment: '379.03', received: '5937.00' });
    try {
      await signInFamily(page, refused);
      await page.getByRole('heading', { level: 1, name: 'Mi solicitud' }).waitFor();
      await page.getByRole('heading', { name: 'El dinero de su crédito' }).waitFor();

      const payout = (await screenText(page, '.payout')).replace(/\s*\n\s*/g, ' ');
      expect(payout).toContain(`Monto aprobado ${soles('6000.00')}`);
      expect(payout).toContain(`Comisión de garantía ${soles(money.fee)}`);
      expect(payout).toContain('fondo de garantía'); // what the fee is for
      expect(payout).toContain(
        `Pidió una subvención de ${soles('3000.00')}, pero al fondo de innovación solo le quedaban ${soles('1000.00')}.`,
      );
      expect(payout).toContain(`Usted recibió ${soles(money.received)}`);
      expect(payout).toContain(
        `${soles('6000.00')} − ${soles(money.fee)} = ${soles(money.received)}`,
      );
      const next = (await screenText(page, '.next-installment')).replace(/\s+/g, ' ');
      expect(next).toBe(`Próxima cuota ${soles(money.installment)} vence el 2 de abril de 2026`);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectSpanishOnly(page);

      // The page is kept on the phone under the family's reference; the app's shell too.
      const { savedAt } = await eventually(async () => {
        const copy = await savedCopyOf(page, refused.reference);
        expect(copy).not.toBeNull();
        return copy!;
      });
      await shellKept(page);

      // No signal, and the family opens the page again.
      await context.setOffline(true);
      await page.reload();
      const banner = page.getByText('Sin conexión: datos del');
      await banner.waitFor();
      expect(spaced(await banner.innerText())).toBe(
        spaced(`Sin conexión: datos del ${limaDateTime(savedAt)}`),
      );
      const offline = await screenText(page);
      expect(offline).toContain(refused.reference);
      expect(offline).toContain('Desembolsada');
      await expect(page.locator('.next-installment').innerText()).resolves.toMatch(
        /Próxima cuota\s+S\/\s379\.03\s+vence el 2 de abril de 2026/,
      );
      expect(await page.locator('.schedule__row').count()).toBe(18);
      await expect(screenText(page, '.payout')).resolves.toContain(soles(money.received));
      await expectSpanishOnly(page);
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });

  it('opens the saved copy from the sign-in screen when the session has ended and there is no signal', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      await signInFamily(page, refused);
      await page.getByRole('heading', { name: 'El dinero de su crédito' }).waitFor();
      await eventually(async () =>
        expect(await savedCopyOf(page, refused.reference)).not.toBeNull(),
      );
      await shellKept(page);

      // The family closes the browser's tab (its session ends with it), and later, with no
      // signal, opens the app again.
      const later = await reopenOffline(context, page);
      await later.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      const reference = later.getByLabel('Código de la solicitud');
      await reference.fill(granted.reference); // not this phone's family: nothing to show
      await expect(
        later.getByRole('button', { name: 'Ver la última copia guardada' }).count(),
      ).resolves.toBe(0);
      await reference.fill(refused.reference.slice(3).toLowerCase()); // as read from the paper
      await later.getByRole('button', { name: 'Ver la última copia guardada' }).click();
      await later.getByText('Sin conexión: datos del').waitFor();
      await expect(later.locator('.next-installment').innerText()).resolves.toMatch(
        /S\/\s379\.03\s+vence el 2 de abril de 2026/,
      );
      expect(await later.locator('.schedule__row').count()).toBe(18);
      await expectSpanishOnly(later);

      // Back online, the family signs in and signs out: nothing of it stays on the phone.
      await context.setOffline(false);
      await later.getByRole('button', { name: 'Volver a ingresar' }).click();
      await signInFamily(later, refused);
      await later.getByRole('heading', { name: 'El dinero de su crédito' }).waitFor();
      await later.getByRole('button', { name: 'Salir' }).click();
      await later.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      await eventually(async () => expect(await savedCopyOf(later, refused.reference)).toBeNull());
      await context.setOffline(true);
      await later.getByLabel('Código de la solicitud').fill(refused.reference);
      await later.getByLabel('Clave (PIN) de 6 números').fill(refused.pin);
      await later.getByRole('button', { name: 'Ingresar' }).click();
      await later.getByText('No hay conexión con el servidor').waitFor();
      expect(
        await later.getByRole('button', { name: 'Ver la última copia guardada' }).count(),
      ).toBe(0);
    } finally {
      await context.setOffline(false);
      await context.close();
    }
  });

  it('adds a grant that was given to what the family received', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    const money = expectedLoan('6000.00', '800.00');
    try {
      await signInFamily(page, granted);
      await page.getByRole('heading', { name: 'El dinero de su crédito' }).waitFor();
      const payout = (await screenText(page, '.payout')).replace(/\s*\n\s*/g, ' ');
      expect(payout).toContain(`Subvención de innovación ${soles('800.00')}`);
      expect(payout).toContain('no se devuelve');
      expect(payout).toContain(`Usted recibió ${soles(money.received)}`); // 6,737.00
      expect(payout).toContain(
        `${soles('6000.00')} − ${soles(money.fee)} + ${soles('800.00')} = ${soles(money.received)}`,
      );
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it('tells the same money facts in English on a desktop', async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    const money = expectedLoan('6000.00', '0.00');
    try {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await signInFamily(page, refused, {
        reference: 'Application code',
        pin: '6-digit PIN',
        go: 'Sign in',
      });
      await page.getByRole('heading', { name: 'Your loan’s money' }).waitFor();
      const payout = (await screenText(page, '.payout')).replace(/\s*\n\s*/g, ' ');
      expect(payout).toContain(`Approved amount ${soles('6000.00')}`);
      expect(payout).toContain(`Guarantee fee ${soles(money.fee)}`);
      expect(payout).toContain(
        `You asked for a grant of ${soles('3000.00')}, but the innovation fund had only ${soles('1000.00')} left.`,
      );
      expect(payout).toContain(`You received ${soles(money.received)}`);
      expect(payout).toContain(
        `${soles('6000.00')} − ${soles(money.fee)} = ${soles(money.received)}`,
      );
      const next = (await screenText(page, '.next-installment')).replace(/\s+/g, ' ');
      expect(next).toBe(`Next installment ${soles(money.installment)} due on 2 April 2026`);
    } finally {
      await context.close();
    }
  });
});

/** A saved copy's time as the page says it: Peru's time, in Spanish ("2 dic. 2026, 10:15 a. m."). */
function limaDateTime(iso: string): string {
  return new Intl.DateTimeFormat('es-PE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Lima',
  }).format(new Date(iso));
}

/** Text with every kind of space (no-break, narrow no-break) as one plain space. */
const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Waits until the service worker keeps the app's shell and answers for this page. */
async function shellKept(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
}

/** Closes the tab (its session storage goes with it) and opens the app in a new one, offline. */
async function reopenOffline(context: BrowserContext, page: Page): Promise<Page> {
  await context.setOffline(true);
  const later = await context.newPage();
  await page.close();
  await later.goto('/');
  return later;
}
