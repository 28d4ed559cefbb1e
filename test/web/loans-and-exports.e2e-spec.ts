import { Browser, Page } from 'playwright-core';
import { newDocumentId } from '../support/application-factory';
import {
  DESKTOP,
  download,
  expectSpanishOnly,
  launchBrowser,
  openFromMenu,
  openWindow,
  screenText,
  signInStaff,
  startWebSystem,
  tableRows,
} from '../support/browser';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { spanishApplication } from './web-data';

/** The lines of a downloaded CSV: its header's column names and the data lines. */
function csv(text: string): { columns: string[]; lines: string[] } {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  return { columns: header.split(','), lines };
}

/** How many pages a PDF that Chromium printed has (one "/Type /Page" object per page). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/**
 * Loans in the web UI, in Spanish: search without accents, CSV exports of every list, a loan's
 * repayments with a fund manager's reversal, and the printable collection sheet.
 *
 * Needs the API of API.md's "Additions (v1.1)": `q` on the lists, `Accept: text/csv`,
 * GET /api/loans/{id}/repayments, POST …/repayments/{repaymentId}/reversal, GET /api/collections.
 */
describe('Loans, exports and the collection sheet in the web UI', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let officer: Page;
  let staff: StaffClient;
  const loans = { quispe: '', condori: '' };

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_loans'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-WEB-2');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-WEB-2');
    // PEN 6,000 over 18 months in Ocongate; PEN 3,000 over 12 months in Ccatca, a name with a
    // comma and quotes (CSV must quote it).
    loans.quispe = await staff.payOut(
      spanishApplication({ documentId: newDocumentId(), name: 'Familia Quíspe Mamani' }),
    );
    loans.condori = await staff.payOut(
      spanishApplication(
        {
          documentId: newDocumentId(),
          name: 'Familia Condori, "Los Andes"',
          municipality: 'Ccatca',
          valueChain: 'guinea_pig',
        },
        { amount: '3000.00', termMonths: 12, innovation: undefined, purpose: 'Galpón de cuyes' },
      ),
    );
    // The first installments fall due on 2 April: the business date gets there.
    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-04-02' })
      .expect(200);
    await system.settle();
    ({ page: officer } = await openWindow(browser, url, DESKTOP));
    await signInStaff(officer, 'officer', 'officer-demo');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('finds a family by its name typed without accents, on the loans and applications lists', async () => {
    await openFromMenu(officer, 'Créditos', 'Créditos');
    expect(await tableRows(officer)).toHaveLength(2);
    await officer.getByLabel('Buscar por código, DNI/RUC o nombre').fill('quispe');
    await officer.getByRole('button', { name: 'Buscar' }).click();
    await officer.waitForURL(/q=quispe/);
    await officer.locator('table tbody tr').nth(1).waitFor({ state: 'detached' });
    const found = await tableRows(officer);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.arrayContaining(['Familia Quíspe Mamani', 'S/ 6,000.00']));

    await openFromMenu(officer, 'Solicitudes', 'Todas las solicitudes');
    await officer.getByLabel('Buscar por código, DNI/RUC o nombre').fill('LOS ANDES');
    await officer.getByRole('button', { name: 'Buscar' }).click();
    await officer.waitForURL(/q=LOS/);
    await officer.locator('table tbody tr').nth(1).waitFor({ state: 'detached' });
    const applications = await tableRows(officer);
    expect(applications).toHaveLength(1);
    expect(applications[0]).toEqual(
      expect.arrayContaining(['Familia Condori, "Los Andes"', 'Ccatca', 'S/ 3,000.00']),
    );
    await expectSpanishOnly(officer);
  });

  it('exports the loans and the applications as CSV files with a header row and every row', async () => {
    await openFromMenu(officer, 'Créditos', 'Créditos');
    const loansFile = await download(
      officer,
      officer.getByRole('button', { name: 'Exportar CSV' }),
    );
    expect(loansFile.filename).toMatch(/^creditos-\d{4}-\d{2}-\d{2}\.csv$/);
    const loansCsv = csv(loansFile.text);
    expect(loansCsv.columns).toEqual(
      expect.arrayContaining(['id', 'reference', 'enterprise.name', 'principal', 'status']),
    );
    expect(loansCsv.lines).toHaveLength(2);
    // RFC 4180: the name with a comma is quoted, its quotes doubled.
    expect(loansCsv.lines.some((l) => l.includes('"Familia Condori, ""Los Andes"""'))).toBe(true);
    expect(loansCsv.lines.some((l) => l.includes('Familia Quíspe Mamani'))).toBe(true);
    expect(loansCsv.lines.some((l) => l.includes('3000.00'))).toBe(true);

    await openFromMenu(officer, 'Solicitudes', 'Todas las solicitudes');
    const applicationsFile = await download(
      officer,
      officer.getByRole('button', { name: 'Exportar CSV' }),
    );
    expect(applicationsFile.filename).toMatch(/^solicitudes-\d{4}-\d{2}-\d{2}\.csv$/);
    const applicationsCsv = csv(applicationsFile.text);
    expect(applicationsCsv.columns).toEqual(
      expect.arrayContaining(['id', 'reference', 'status', 'enterprise.name', 'request.amount']),
    );
    expect(applicationsCsv.lines).toHaveLength(2);
    expect(applicationsCsv.lines.some((l) => l.includes('6000.00'))).toBe(true);
  });

  const repaymentsOf = (page: Page) =>
    page.locator('section.card').filter({ hasText: 'Pagos del crédito' });

  it('records a repayment: the loan page lists it, without a reversal button for an officer', async () => {
    await officer.goto(`/#/loans/${loans.condori}`);
    await officer
      .getByRole('heading', { level: 1, name: 'Familia Condori, "Los Andes"' })
      .waitFor();
    await repaymentsOf(officer)
      .getByText('Este crédito todavía no tiene pagos registrados.')
      .waitFor();
    await officer.getByLabel('Fecha del pago').fill('2026-04-02');
    await officer.getByLabel('Monto pagado (S/)').fill('300.00');
    await officer.getByLabel('N.° de recibo o de operación').fill('RCPT-0001');
    await officer.getByRole('button', { name: 'Registrar el pago' }).click();
    await officer.getByText('Pago registrado. Así se aplicó:').waitFor();
    // Installment 1 of 3000 at TEA 18 % over 12 months: 273.14 = interest 41.67 (3000 × 0.0138884)
    // + principal 231.47; the other 26.86 of the 300.00 prepays principal.
    const [row] = await tableRows(repaymentsOf(officer));
    expect(row).toEqual([
      '2 abr. 2026',
      'RCPT-0001',
      'S/ 300.00',
      'Interés S/ 41.67 · Capital S/ 231.47 · Prepago S/ 26.86',
      expect.stringMatching(/^officer /),
      'Vigente',
      'Imprimir', // the family's receipt
    ]);
    expect(await repaymentsOf(officer).getByRole('button', { name: 'Revertir' }).count()).toBe(0);
    // Outstanding principal: 3000.00 − 231.47 − 26.86.
    expect(await screenText(officer, '.kpis')).toMatch(/Saldo de capital\s+S\/ 2,741\.67/);
  });

  it('lets a fund manager reverse it, with a reason and a confirmation: the loan is as before', async () => {
    const { page: manager } = await openWindow(browser, url, DESKTOP);
    await signInStaff(manager, 'manager', 'manager-demo');
    await manager.goto(`/#/loans/${loans.condori}`);
    const card = repaymentsOf(manager);
    await card.getByRole('button', { name: 'Revertir' }).click();
    await card
      .getByRole('heading', { name: 'Revertir el pago RCPT-0001 de S/ 300.00 del 2 abr. 2026' })
      .waitFor();
    await card.getByRole('button', { name: 'Continuar' }).click();
    await card.getByText('Escriba el motivo de la reversión.').waitFor();
    await card.getByLabel('Motivo de la reversión').fill('El recibo dice S/ 30.00, no S/ 300.00');
    await card.getByRole('button', { name: 'Continuar' }).click();
    await manager
      .getByRole('dialog', { name: '¿Revertir el pago RCPT-0001 de S/ 300.00 del 2 abr. 2026?' })
      .getByRole('button', { name: 'Sí, revertir el pago' })
      .click();

    await manager
      .getByText(
        'El pago RCPT-0001 de S/ 300.00 fue revertido. El crédito quedó como antes de ese pago.',
      )
      .waitFor();
    const [row] = await tableRows(repaymentsOf(manager));
    expect(row[2]).toBe('S/ 300.00');
    expect(row[5]).toMatch(
      /^Revertido por manager el .+ “El recibo dice S\/ 30\.00, no S\/ 300\.00”$/,
    );
    // Nothing left to reverse.
    expect(await repaymentsOf(manager).getByRole('button', { name: 'Revertir' }).count()).toBe(0);
    // Back to the whole principal and an unpaid first installment.
    expect(await screenText(manager, '.kpis')).toMatch(/Saldo de capital\s+S\/ 3,000\.00/);
    const schedule = await tableRows(
      manager.locator('section.card').filter({ hasText: 'Calendario' }),
    );
    expect(schedule[0]).toEqual(
      expect.arrayContaining(['2 abr. 2026', 'S/ 273.14', 'S/ 0.00', 'Por pagar']),
    );
    await expectSpanishOnly(manager);
    await manager.context().close();
  });

  it('records the right amount with the same receipt, and exports both repayments as CSV', async () => {
    await officer.reload();
    await repaymentsOf(officer).getByText('Revertido').waitFor();
    await officer.getByLabel('Fecha del pago').fill('2026-04-02');
    await officer.getByLabel('Monto pagado (S/)').fill('30.00');
    await officer.getByLabel('N.° de recibo o de operación').fill('RCPT-0001');
    await officer.getByRole('button', { name: 'Registrar el pago' }).click();
    await officer.getByText('Pago registrado. Así se aplicó:').waitFor();
    await repaymentsOf(officer).locator('table tbody tr').nth(1).waitFor();
    const rows = await tableRows(repaymentsOf(officer));
    expect(rows.map((r) => [r[2], r[3], r[5].split(' ')[0]])).toEqual([
      ['S/ 300.00', 'Interés S/ 41.67 · Capital S/ 231.47 · Prepago S/ 26.86', 'Revertido'],
      ['S/ 30.00', 'Interés S/ 30.00', 'Vigente'],
    ]);

    const file = await download(
      officer,
      repaymentsOf(officer).getByRole('button', { name: 'Exportar CSV' }),
    );
    expect(file.filename).toMatch(/^pagos-\d{4}-\d{2}-\d{2}\.csv$/);
    const { columns, lines } = csv(file.text);
    expect(columns).toEqual(expect.arrayContaining(['id', 'externalRef', 'amount', 'paidOn']));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('300.00');
    expect(lines[1]).toContain('30.00');
  });

  it('prints the collection sheet of a district: each family and what it must pay', async () => {
    await openFromMenu(officer, 'Cobranza', 'Hoja de cobranza');
    await officer.getByLabel('Fecha').fill('2026-04-02');
    await officer.getByLabel('Distrito').fill('Ocongate');
    await officer.getByRole('button', { name: 'Mostrar' }).click();
    await officer.waitForURL(/municipality=Ocongate/);
    await officer.locator('.sheet__meta').getByText('Ocongate').waitFor(); // the district's sheet
    const sheet = await screenText(officer, '.sheet');
    expect(sheet).toMatch(/Fecha\s+2 de abril de 2026/);
    expect(sheet).toMatch(/Distrito\s+Ocongate/);
    expect(sheet).toMatch(/Familias\s+1\n/);
    // Installment 1 of 6000 at TEA 18 % over 18 months, due that day: 379.03.
    expect(sheet).toMatch(/Total a cobrar\s+S\/ 379\.03/);
    const rows = await tableRows(officer.locator('.sheet'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual([
      '1',
      'Familia Quíspe Mamani',
      expect.stringMatching(/^QL-/),
      '2 abr. 2026',
      '0',
      'S/ 379.03',
      '',
      '',
    ]);
    await expectSpanishOnly(officer);

    // On paper: only the sheet, no menu, header, form or buttons — on one page, A4 or Letter.
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('#app-header').isVisible()).toBe(false);
    expect(await officer.getByRole('button', { name: 'Imprimir' }).isVisible()).toBe(false);
    expect(await officer.getByRole('button', { name: 'Mostrar' }).isVisible()).toBe(false);
    expect(await officer.locator('.sheet table').isVisible()).toBe(true);
    // No emulation left: page.pdf() prints with the print stylesheet, as the browser would.
    await officer.emulateMedia({ media: null });
    expect(pdfPages(await officer.pdf({ format: 'A4' }))).toBe(1);
    expect(pdfPages(await officer.pdf({ format: 'Letter' }))).toBe(1);
  });

  it('lists every district by municipality, then due date, and exports it as CSV', async () => {
    await officer.goto('/#/collections?date=2026-04-02');
    await officer.getByText('Todos los distritos').waitFor();
    await officer.locator('.sheet table tbody tr').nth(1).waitFor();
    const rows = await tableRows(officer.locator('.sheet'));
    // Ccatca before Ocongate. The Condoris paid 30.00 of their 273.14: 243.14 left to pay.
    expect(rows.map((r) => [r[1], r[3], r[6]])).toEqual([
      ['Familia Condori, "Los Andes"', 'Ccatca', 'S/ 243.14'],
      ['Familia Quíspe Mamani', 'Ocongate', 'S/ 379.03'],
    ]);
    // 243.14 + 379.03
    expect(await screenText(officer, '.sheet')).toMatch(/Total a cobrar\s+S\/ 622\.17/);

    const file = await download(officer, officer.getByRole('button', { name: 'Exportar CSV' }));
    expect(file.filename).toMatch(/^cobranza-\d{4}-\d{2}-\d{2}\.csv$/);
    const { columns, lines } = csv(file.text);
    expect(columns).toEqual(
      expect.arrayContaining(['loanId', 'reference', 'enterprise.name', 'dueDate', 'amountDue']),
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('243.14');
    expect(lines[1]).toContain('379.03');
  });
});
