import { Browser } from 'playwright-core';
import { newDocumentId } from '../support/application-factory';
import {
  DESKTOP,
  expectSpanishOnly,
  launchBrowser,
  openFromMenu,
  openWindow,
  PHONE,
  screenText,
  signInStaff,
  startWebSystem,
  tableRows,
} from '../support/browser';
import { StaffClient } from '../support/staff-client';
import { spanishApplication } from './web-data';
import { TestSystem } from '../support/test-system';

/**
 * Signing in, in Spanish, as people do it: a family on a phone with the code and PIN its loan
 * officer wrote down, staff at a desk with username and password.
 */
describe('Signing in to the web UI', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let family: { reference: string; pin: string };
  let loanId: string;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_sign_in'));
    browser = await launchBrowser();
    const staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-WEB-1');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-WEB-1');
    // API.md's example family (PEN 6,000 over 18 months with a PEN 3,000 grant), in Spanish.
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', spanishApplication({ documentId: newDocumentId() }))
      .expect(201);
    family = { reference: created.reference, pin: created.pin };
    await staff.waitForStatus(created.id, 'in_review');
    await staff.approve(created.id, 'Visitamos el establo');
    ({ loanId } = await staff.waitForStatus(created.id, 'disbursed'));
    await system.settle();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('lets a family sign in on a phone with its code and PIN, and shows its loan', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      // Typed as read from the paper: lower case, without the "QL-".
      await page.getByLabel('Código de la solicitud').fill(family.reference.slice(3).toLowerCase());
      await page.getByLabel('Clave (PIN) de 6 números').fill(family.pin);
      await page.getByRole('button', { name: 'Ingresar' }).click();

      await page.getByRole('heading', { level: 1, name: 'Mi solicitud' }).waitFor();
      await page.getByRole('heading', { name: 'Mi crédito' }).waitFor();
      await page.getByRole('heading', { name: 'Calendario de pagos' }).waitFor(); // loaded
      const text = await screenText(page);
      expect(text).toContain(family.reference);
      expect(text).toContain('Desembolsada');
      expect(text).toContain('S/ 6,000.00'); // what the family asked for
      expect(text).toContain('Está al día con sus pagos.');
      // The first installment of the French schedule: 6000 × r / (1 − (1 + r)^−18) with
      // r = 1.18^(1/12) − 1 = 0.0138884: 379.03, due a month after the payout (2 Apr 2026).
      await expect(page.locator('.next-installment').innerText()).resolves.toMatch(
        /Próxima cuota\s+S\/\s379\.03\s+vence el 2 de abril de 2026/,
      );
      expect(text).toContain('Calendario de pagos');
      expect(await page.locator('.schedule__row').count()).toBe(18);
      // Nothing wider than the phone: no sideways scrolling to read it.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it('tells a family in Spanish when the PIN is wrong', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      await page.getByLabel('Código de la solicitud').fill(family.reference);
      const wrong = family.pin === '000000' ? '111111' : '000000';
      await page.getByLabel('Clave (PIN) de 6 números').fill(wrong);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByText('El código o la clave no son correctos.').waitFor();
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it('lets a loan officer sign in at a desk and find the family and its loan', async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    try {
      await signInStaff(page, 'officer', 'officer-demo');
      await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      const menu = await page.getByRole('navigation', { name: 'Menú principal' }).innerText();
      expect(menu.split('\n').map((s) => s.trim())).toEqual([
        'Por evaluar',
        'Nueva solicitud',
        'Borradores',
        'Solicitudes',
        'Créditos',
        'Cobranza',
      ]);

      await openFromMenu(page, 'Solicitudes', 'Todas las solicitudes');
      const [application] = await tableRows(page);
      expect(application).toEqual(
        expect.arrayContaining([
          family.reference,
          'Familia Quispe Mamani',
          'Ocongate',
          'Leche',
          'S/ 6,000.00',
          'Desembolsada',
        ]),
      );

      await openFromMenu(page, 'Créditos', 'Créditos');
      const [loan] = await tableRows(page);
      expect(loan).toEqual(
        expect.arrayContaining([
          'Familia Quispe Mamani',
          'S/ 6,000.00', // principal, and all of it still outstanding
          'Normal',
          'Vigente',
          '2 mar. 2026',
        ]),
      );
      await page.getByRole('link', { name: 'Familia Quispe Mamani' }).click();
      await page.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();
      expect(page.url()).toContain(`#/loans/${loanId}`);
      await page.getByRole('heading', { name: 'Registrar un pago' }).waitFor();
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it("sends the screen's language with every call, and switches to English and back", async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    try {
      const languages: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/'))
          languages.push(request.headers()['accept-language']);
      });
      await signInStaff(page, 'officer', 'officer-demo');
      await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      expect(languages.length).toBeGreaterThan(1); // the sign-in and the queue
      expect(new Set(languages)).toEqual(new Set(['es']));

      languages.length = 0;
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Applications to review' }).waitFor();
      expect(languages.length).toBeGreaterThan(0);
      expect(new Set(languages)).toEqual(new Set(['en']));

      // The choice stays across a reload, and Spanish comes back with one click.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Applications to review' }).waitFor();
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it('lets a fund manager and an admin sign in to their own first screens', async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    try {
      await signInStaff(page, 'manager', 'manager-demo');
      await page.getByRole('heading', { level: 1, name: 'Segundas aprobaciones' }).waitFor();
      await page.getByRole('button', { name: 'Salir' }).click();
      await signInStaff(page, 'admin', 'admin-demo');
      await page.getByRole('heading', { level: 1, name: 'Operaciones' }).waitFor();
      await page.getByText('lunes, 2 de marzo de 2026').waitFor(); // the business date
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });
});
