import Decimal from 'decimal.js';
import { Browser, Locator, Page } from 'playwright-core';
import { newDocumentId } from '../support/application-factory';
import {
  DESKTOP,
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
import { TestSystem } from '../support/test-system';
import { checkScreen } from '../support/web-checks';
import { spanishApplication } from './web-data';

/** How many pages a PDF that Chromium printed has (one "/Type /Page" object per page). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** "6000.00" → "S/ 6,000.00", as a person reads it (screenText turns no-break spaces into spaces). */
const soles = (amount: string | Decimal) =>
  `S/ ${new Decimal(amount).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** "0.1965" → "19.65 %", as a Spanish screen writes a rate. */
const percentEs = (rate: string) => `${new Decimal(rate).mul(100).toDecimalPlaces(2).toString()} %`;

/** A calendar date as the Spanish UI writes it ("2 may. 2026", or long: "2 de mayo de 2026"). */
const dateEs = (iso: string, style: 'medium' | 'long' = 'medium') =>
  new Intl.DateTimeFormat('es-PE', { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/**
 * SPEC.md's TCEA worked out here, not by the services: the monthly rate r at which the amount
 * received (principal − guarantee fee) equals the present value of the installments, found by
 * bisection; then (1 + r)^12 − 1, half-up to 4 places.
 */
function tceaOf(received: string, installments: string[]): string {
  const presentValue = (r: Decimal) =>
    installments.reduce(
      (sum, amount, k) => sum.plus(new Decimal(amount).div(r.plus(1).pow(k + 1))),
      new Decimal(0),
    );
  let low = new Decimal(0);
  let high = new Decimal('0.1');
  for (let i = 0; i < 80; i++) {
    const mid = low.plus(high).div(2);
    if (presentValue(mid).gt(received)) low = mid;
    else high = mid;
  }
  return low.plus(1).pow(12).minus(1).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

// The demo staff's usernames, shown as they are ("por manager"): data, not English.
const USERNAMES = ['officer', 'manager'];

/**
 * Reprogramming after a frost, and the true cost, in the web UI in Spanish: a fund manager previews
 * a loan's new schedule (what the API previews, row by row), confirms it, and the loan page marks
 * it; an officer has no such action but prints the hoja resumen (one A4 and one Letter page); an
 * emergency over a district reprograms one loan and skips a late one, as the API says; the family
 * reads its new schedule, its TCEA and why its loan was reprogrammed.
 *
 * Three loans paid out on 2026-03-02 (installments on the 2nd): API.md's example in Ocongate (the
 * family whose reference and PIN the test keeps), and two in Ccatca. The first and the third pay
 * installment 1 on time; at the close of 2026-05-05 they are 3 days late, the second 33.
 */
describe('Reprogramming, emergencies and the TCEA in the web UI', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  let manager: Page;
  const loans = { quispe: '', condori: '', mamani: '' };
  let family: { reference: string; pin: string };
  /** What the API previewed for the example loan (the reprogramming must make exactly that). */
  let previewed: { schedule: Record<string, string | number>[] };
  /** The example loan's installments at disbursement (for the TCEA worked out here). */
  let original: { installment: string }[];
  const frost = {
    reason: 'climate_event',
    note: 'Helada del 28 de abril: se perdió el pasto y bajó la leche',
    extensionMonths: 3,
    graceMonths: 2,
  };

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_reprogramming'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-WEB-REPRO');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-WEB-REPRO');
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', spanishApplication({ documentId: newDocumentId() }))
      .expect(201);
    family = { reference: created.reference, pin: created.pin };
    await staff.waitForStatus(created.id, 'in_review');
    await staff.approve(created.id, 'Visitamos el establo');
    ({ loanId: loans.quispe } = await staff.waitForStatus(created.id, 'disbursed'));
    const ccatca = (name: string) =>
      spanishApplication(
        { documentId: newDocumentId(), name, municipality: 'Ccatca', valueChain: 'guinea_pig' },
        { amount: '3000.00', termMonths: 12, innovation: undefined, purpose: 'Galpón de cuyes' },
      );
    loans.condori = await staff.payOut(ccatca('Familia Condori Huamán'));
    loans.mamani = await staff.payOut(ccatca('Familia Mamani Ccori'));

    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-04-02' })
      .expect(200);
    for (const name of ['quispe', 'mamani'] as const) {
      const { body: loan } = await staff.as('officer').get(`/api/loans/${loans[name]}`).expect(200);
      if (name === 'quispe') original = loan.schedule;
      await staff
        .as('officer')
        .post(`/api/loans/${loans[name]}/repayments`, {
          amount: loan.nextInstallment.amountDue,
          paidOn: '2026-04-02',
          externalRef: `RCPT-${name}-1`,
        })
        .expect(201);
    }
    await staff
      .as('admin')
      .post('/api/admin/close-of-business', { date: '2026-05-05' })
      .expect(200);
    await system.settle();
    ({ page: manager } = await openWindow(browser, url, DESKTOP));
    await signInStaff(manager, 'manager', 'manager-demo');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const cardOf = (page: Page, title: string): Locator =>
    page
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

  it('previews a reprogramming: the new schedule on screen is the one the API previews', async () => {
    await manager.goto(`/#/loans/${loans.quispe}`);
    await manager.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();
    // 3 days late: installment 2 (2 May) unpaid.
    expect(await screenText(manager, '.kpis')).toMatch(/Días de atraso\s+3/);
    await manager.getByRole('button', { name: 'Reprogramar', exact: true }).click();
    const form = cardOf(manager, 'Reprogramar el crédito');
    // Nothing chosen: the form says what is missing and asks the server nothing.
    await form.getByRole('button', { name: 'Ver el nuevo calendario' }).click();
    await form.getByText('Elija el motivo.').waitFor();
    await form.getByText('Escriba la nota para la familia.').waitFor();
    await form
      .getByLabel('Motivo', { exact: true })
      .selectOption({ label: 'Evento climático (helada, sequía, inundación)' });
    await form.getByLabel('Nota para la familia').fill(frost.note);
    await form.getByLabel('Meses de ampliación del plazo').selectOption({ label: '3 meses' });
    await form.getByLabel('Meses de gracia (solo interés)').selectOption({ label: '2 meses' });
    await form.getByRole('button', { name: 'Ver el nuevo calendario' }).click();
    await form.getByRole('heading', { name: 'Así quedaría el crédito' }).waitFor();

    const { body: preview } = await staff
      .as('manager')
      .post(`/api/loans/${loans.quispe}/reprogramming/preview`, frost)
      .expect(200);
    // Installment 1 paid; 2–18 replaced by 17 + 3 new ones from the first due date after 5 May
    // (2 June): the last falls due on 2 January 2028, 22 months after the payout — a month more
    // than 18 + 3, as installment 2 (2 May) was already overdue.
    expect(preview).toMatchObject({
      businessDate: '2026-05-05',
      replacedInstallments: Array.from({ length: 17 }, (_, i) => i + 2),
      termMonthsBefore: 18,
      termMonthsAfter: 22,
      nextInstallment: { number: 19, dueDate: '2026-06-02' },
    });
    previewed = preview;
    expect(preview.schedule).toHaveLength(20);
    expect(preview.schedule[19]).toMatchObject({ number: 38, dueDate: '2028-01-02' });
    const rows = await tableRows(form.locator('.reprogram-preview'));
    expect(rows).toEqual(
      preview.schedule.map(
        (line: {
          number: number;
          dueDate: string;
          principal: string;
          interest: string;
          deferredInterest: string;
          installment: string;
        }) => [
          String(line.number),
          dateEs(line.dueDate),
          soles(line.principal),
          soles(line.interest),
          soles(line.deferredInterest),
          soles(line.installment),
        ],
      ),
    );
    const figures = await screenText(manager, '.reprogram-preview');
    expect(figures).toMatch(/Cuotas que se reemplazan\s+N\.° 2–18/);
    expect(figures).toMatch(/Plazo\s+de 18 a 22 meses/);
    expect(figures).toContain(soles(preview.outstandingPrincipal));
    await checkScreen(manager, 'fund manager · reprogramming preview', {
      lang: 'es',
      allowed: USERNAMES,
    });
  });

  it('reprograms it after a confirmation: the page marks it, lists it and shows its TCEA', async () => {
    const form = cardOf(manager, 'Reprogramar el crédito');
    await form.getByRole('button', { name: 'Reprogramar con este calendario' }).click();
    const dialog = manager.getByRole('dialog', {
      name: /^¿Reprogramar el crédito QL-\w+ de Familia Quispe Mamani\?$/,
    });
    await dialog.waitFor();
    expect((await dialog.innerText()).replace(/\s+/g, ' ')).toContain(
      'Las 17 cuotas pendientes se reemplazan por 20 cuotas nuevas: el plazo pasa de 18 a 22 meses. ' +
        'Durante los primeros 2 meses solo se paga interés.',
    );
    await dialog.getByRole('button', { name: 'Sí, reprogramar' }).click();
    await manager
      .getByText(
        'El crédito fue reprogramado. La familia verá en su página el nuevo calendario y el motivo.',
      )
      .waitFor();

    const { body: loan } = await staff.as('manager').get(`/api/loans/${loans.quispe}`).expect(200);
    expect(loan.reprogrammed).toBe(true);
    // The TCEA at disbursement, worked out here: 5,937.00 received against 18 × 379.03.
    expect(loan.tcea).toBe(
      tceaOf(
        new Decimal(loan.principal).minus(loan.guaranteeFee).toFixed(2),
        original.map((line) => line.installment),
      ),
    );
    await manager.locator('.page-head .badge', { hasText: 'Reprogramado' }).waitFor();
    expect(await screenText(manager, '.facts')).toMatch(
      new RegExp(`TEA\\s+18 %\\s+TCEA\\s+${percentEs(loan.tcea).replace('.', '\\.')}`),
    );
    expect(await screenText(manager, '.kpis')).toMatch(/Días de atraso\s+0/);

    const [reprogramming] = loan.reprogrammings;
    expect(await tableRows(cardOf(manager, 'Reprogramaciones'))).toEqual([
      [
        dateEs(reprogramming.on),
        'Evento climático (helada, sequía, inundación)',
        frost.note,
        '3 meses',
        '2 meses',
        reprogramming.by,
        'Normal', // 3 days late when reprogrammed
        '2–18',
      ],
    ]);
    expect(reprogramming).toMatchObject({ by: 'manager', classificationKept: 'normal' });

    // The schedule: the replaced installments muted as "Reprogramada", the new ones to pay.
    const schedule = await tableRows(cardOf(manager, 'Calendario'));
    expect(schedule).toHaveLength(loan.schedule.length);
    const rescheduled = loan.schedule.filter(
      (line: { status: string }) => line.status === 'rescheduled',
    );
    expect(rescheduled.map((line: { number: number }) => line.number)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 2),
    );
    expect(await manager.locator('tr.is-rescheduled').count()).toBe(rescheduled.length);
    expect(schedule.filter((row) => row[6] === 'Reprogramada')).toHaveLength(rescheduled.length);
    expect(schedule.slice(18).map((row) => row[0].split(' ')[0])).toEqual(
      loan.schedule.slice(18).map((line: { number: number }) => String(line.number)),
    );
    expect(schedule[18][0]).toBe('19 Próxima');
    // What was previewed is what was made.
    expect(
      loan.schedule
        .slice(18)
        .map(({ number, dueDate, principal, interest, installment }: Record<string, unknown>) => ({
          number,
          dueDate,
          principal,
          interest,
          installment,
        })),
    ).toEqual(
      previewed.schedule.map(({ number, dueDate, principal, interest, installment }) => ({
        number,
        dueDate,
        principal,
        interest,
        installment,
      })),
    );
    await checkScreen(manager, 'fund manager · reprogrammed loan', {
      lang: 'es',
      allowed: USERNAMES,
    });
  });

  it('gives an officer no reprogramming, and prints the hoja resumen on one page', async () => {
    const { context, page: officer } = await openWindow(browser, url, DESKTOP);
    try {
      // window.print() would open the print dialog: count the calls and print with page.pdf().
      await context.addInitScript(
        'window.printed = 0; window.print = () => { window.printed += 1; };',
      );
      await officer.reload();
      await signInStaff(officer, 'officer', 'officer-demo');
      await officer.goto(`/#/loans/${loans.quispe}`);
      await officer.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();
      await officer.locator('.page-head .badge', { hasText: 'Reprogramado' }).waitFor();
      await cardOf(officer, 'Reprogramaciones').waitFor();
      expect(await officer.getByRole('button', { name: 'Reprogramar', exact: true }).count()).toBe(
        0,
      );
      expect(await cardOf(officer, 'Reprogramar el crédito').count()).toBe(0);

      const { body: loan } = await staff
        .as('officer')
        .get(`/api/loans/${loans.quispe}`)
        .expect(200);
      await officer.getByRole('button', { name: 'Hoja resumen' }).click();
      expect(await officer.evaluate<number>('window.printed')).toBe(1);
      await officer.emulateMedia({ media: 'print' });
      expect(await officer.locator('main').isVisible()).toBe(false);
      const sheet = await screenText(officer, '#print-root .print-sheet');
      expect(sheet).toContain('Hoja resumen del crédito');
      expect(sheet).toMatch(/Familia\s+Familia Quispe Mamani/);
      expect(sheet).toContain(loan.reference);
      expect(sheet).toMatch(/Monto del crédito\s+S\/ 6,000\.00/);
      expect(sheet).toMatch(/Tasa efectiva anual \(TEA\)\s+18 %/);
      expect(sheet).toMatch(
        new RegExp(`\\(TCEA\\)\\s+${percentEs(loan.tcea).replace('.', '\\.')}`),
      );
      expect(sheet).toMatch(/Comisión de garantía[^\n]*\s+S\/ 63\.00/);
      expect(sheet).toMatch(/Subvención de innovación[^\n]*\s+S\/ 3,000\.00/);
      // 6,000.00 − 63.00 + 3,000.00
      expect(sheet).toMatch(/Monto neto recibido\s+S\/ 8,937\.00/);
      // Installment 1 paid and the 20 new ones (the 17 replaced, 0.00 each, are left off); their
      // principal adds up to the loan's.
      const numbers = await officer
        .locator('#print-root .summary-sheet__schedule tbody td:first-child')
        .allInnerTexts();
      const inForce = loan.schedule.filter(
        (line: { status: string }) => line.status !== 'rescheduled',
      );
      expect(numbers).toEqual(inForce.map((line: { number: number }) => String(line.number)));
      expect(sheet).toMatch(/Total\s+S\/ 6,000\.00/);
      await officer.emulateMedia({ media: null });
      expect(pdfPages(await officer.pdf({ format: 'A4' }))).toBe(1);
      expect(pdfPages(await officer.pdf({ format: 'Letter' }))).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('declares a frost over Ccatca: the loans reprogrammed and skipped are the ones the API lists', async () => {
    await openFromMenu(manager, 'Emergencias', 'Emergencias');
    await manager.getByText('Todavía no se declaró ninguna emergencia.').waitFor();
    const form = cardOf(manager, 'Declarar una emergencia');
    await form.getByLabel('Nombre de la emergencia').fill('Heladas en Ccatca');
    // The business date, by default.
    expect(await form.getByLabel('Fecha de la declaración').inputValue()).toBe('2026-05-05');
    await form.getByLabel('Ccatca', { exact: true }).check();
    await form
      .getByLabel('Motivo', { exact: true })
      .selectOption({ label: 'Evento climático (helada, sequía, inundación)' });
    await form.getByLabel('Meses de ampliación del plazo').selectOption({ label: '2 meses' });
    await form.getByLabel('Meses de gracia (solo interés)').selectOption({ label: '1 mes' });
    await form.getByRole('button', { name: 'Declarar la emergencia' }).click();
    await manager
      .getByRole('dialog', { name: '¿Declarar la emergencia «Heladas en Ccatca» en Ccatca?' })
      .getByRole('button', { name: 'Sí, declarar la emergencia' })
      .click();
    await manager.getByText('Quedó declarada la emergencia «Heladas en Ccatca».').waitFor();

    const { body: list } = await staff.as('manager').get('/api/emergencies').expect(200);
    const [declared] = list.items;
    // The Mamanis were 3 days late, the Condoris 33: only the first can be reprogrammed.
    expect(declared).toMatchObject({
      name: 'Heladas en Ccatca',
      reprogrammed: [loans.mamani],
      skipped: [{ loanId: loans.condori, why: 'TOO_MANY_DAYS_PAST_DUE' }],
    });
    const outcome = manager.locator('.emergency__outcome').first();
    const links = await outcome
      .locator('.emergency__reprogrammed a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(declared.reprogrammed.map((id: string) => `#/loans/${id}`));
    expect(await outcome.locator('.emergency__reprogrammed').innerText()).toMatch(
      /QL-\w+ · Familia Mamani Ccori/,
    );
    expect(await tableRows(outcome)).toEqual(
      declared.skipped.map((skipped: { reference: string }) => [
        `${skipped.reference} · Familia Condori Huamán`,
        'Tiene más de 30 días de atraso a la fecha de negocio: no se puede reprogramar.',
      ]),
    );
    // And in the list of emergencies declared.
    await manager
      .locator('.emergency-list .emergency__name', { hasText: 'Heladas en Ccatca' })
      .waitFor();
    await checkScreen(manager, 'fund manager · emergency declared', {
      lang: 'es',
      allowed: USERNAMES,
    });
  });

  it('shows the family, on its phone, its new schedule, its TCEA and why its loan was reprogrammed', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      await page.getByLabel('Código de la solicitud').fill(family.reference);
      await page.getByLabel('Clave (PIN) de 6 números').fill(family.pin);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mi solicitud' }).waitFor();
      const { body: loan } = await staff
        .as('officer')
        .get(`/api/loans/${loans.quispe}`)
        .expect(200);
      const next = loan.nextInstallment;
      await page
        .getByText(
          'El crédito se reprogramó por un evento climático: el plazo crece 3 meses y durante los primeros 2 meses solo se paga interés. ' +
            `La próxima cuota es de ${soles(next.amountDue)} y vence el ${dateEs(next.dueDate, 'long')}.`,
        )
        .waitFor();
      await page.getByText('Su crédito fue reprogramado: este es su nuevo calendario.').waitFor();
      expect((await screenText(page, '.next-installment')).replace(/\s+/g, ' ')).toBe(
        `Próxima cuota ${soles(next.amountDue)} vence el ${dateEs(next.dueDate, 'long')}`,
      );
      expect(await screenText(page, '.loan-family .facts')).toMatch(
        new RegExp(
          `Costo efectivo anual \\(TCEA\\)\\s+${percentEs(loan.tcea).replace('.', '\\.')}`,
        ),
      );
      // The schedule in force first (installment 1 paid, 19–38 new); the replaced ones folded away.
      const inForce = loan.schedule.filter(
        (line: { status: string }) => line.status !== 'rescheduled',
      );
      const shown = page.locator('.loan-family > div > .schedule > .schedule__row');
      expect(await shown.count()).toBe(inForce.length);
      expect(await shown.first().innerText()).toContain('Pagada');
      const replaced = page.locator('.schedule-replaced');
      expect((await replaced.locator('summary').innerText()).trim()).toBe(
        `Cuotas reemplazadas por la reprogramación (${loan.schedule.length - inForce.length})`,
      );
      expect(await replaced.locator('.schedule__row').first().isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Hoja resumen' }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await checkScreen(page, 'family · reprogrammed loan', { lang: 'es' });
    } finally {
      await context.close();
    }
  });
});
