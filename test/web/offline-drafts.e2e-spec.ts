import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { newDocumentId } from '../support/application-factory';
import {
  CHROMIUM_PATH,
  DESKTOP,
  expectSpanishOnly,
  launchBrowser,
  openFromMenu,
  openWindow,
  PHONE,
  screenText,
  signInStaff,
  startWebSystem,
} from '../support/browser';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/** How many pages a PDF that Chromium printed has (one "/Type /Page" object per page). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

// The form's labels in each language, field by field.
const LABELS = {
  es: {
    name: 'Nombre de la familia o empresa',
    documentId: 'DNI (8 números) o RUC (11 números)',
    municipality: 'Distrito',
    valueChain: 'Cadena de valor',
    womenLed: 'La lidera una mujer',
    years: 'Años en la actividad',
    amount: 'Monto (S/)',
    term: 'Plazo (meses)',
    purpose: 'Destino del crédito',
    description: 'Descripción de la innovación',
    cost: 'Costo de la innovación (S/)',
    grant: 'Subvención pedida (S/)',
    revenue: 'Ingresos (S/)',
    costs: 'Costos de producción (S/)',
    household: 'Gastos del hogar (S/)',
  },
  en: {
    name: 'Name of the family or enterprise',
    documentId: 'DNI (8 digits) or RUC (11 digits)',
    municipality: 'District',
    valueChain: 'Value chain',
    womenLed: 'Led by a woman',
    years: 'Years in the activity',
    amount: 'Amount (S/)',
    term: 'Term (months)',
    purpose: 'Purpose of the loan',
    description: 'Description of the innovation',
    cost: 'Cost of the innovation (S/)',
    grant: 'Grant requested (S/)',
    revenue: 'Revenue (S/)',
    costs: 'Production costs (S/)',
    household: 'Household expenses (S/)',
  },
};

/** The application of API.md's example family, typed in the form as an officer in Ocongate would. */
async function fillApplication(
  page: Page,
  family: { name: string; documentId: string; amount?: string },
  lang: keyof typeof LABELS = 'es',
): Promise<void> {
  const labels = LABELS[lang];
  const label = (field: keyof typeof labels) => page.getByLabel(labels[field], { exact: true });
  await label('name').fill(family.name);
  await label('documentId').fill(family.documentId);
  await label('municipality').fill('Ocongate');
  await label('valueChain').selectOption('dairy');
  await label('womenLed').check();
  await label('years').fill('6');
  await label('amount').fill(family.amount ?? '6,000');
  await label('term').fill('18');
  await label('purpose').fill('Ordeñadora y tanque de enfriamiento');
  await label('description').fill('Ordeño mecánico');
  await label('cost').fill('7500');
  await label('grant').fill('3000');
  await label('revenue').fill('3200');
  await label('costs').fill('1400');
  await label('household').fill('700');
}

/** The English menu's item, and the screen's heading once it is open. */
async function openFromEnglishMenu(page: Page, item: RegExp, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: item })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The app's shell is on the phone: its service worker is installed and controls the page. */
async function shellInstalled(page: Page): Promise<void> {
  // Scripts run in the page (the test's own TypeScript has no DOM types).
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
}

/**
 * Loan officers in Ocongate and Ccatca often have no signal: the app opens offline once visited,
 * what they type is kept as a draft on the phone, and it goes — once, whatever was lost on the
 * way — when the signal comes back or when they sign in again. The family gets a printed slip.
 */
describe('Drafts of new applications on a phone with no signal', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_offline_drafts'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  /** The applications the API holds for a DNI, as the officer finds them. */
  async function applicationsOf(documentId: string) {
    const { body } = await staff.as('officer').get(`/api/applications?q=${documentId}`).expect(200);
    return body as { total: number; items: { reference: string; enterprise: { name: string } }[] };
  }

  it('keeps an application typed with no signal, sends it once when the signal returns, and prints the slip', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      const documentId = newDocumentId();
      const name = 'Familia Quispe Mamani';
      await signInStaff(page, 'officer', 'officer-demo');
      await shellInstalled(page);

      // Up in the hills: no signal at all.
      await context.setOffline(true);
      await openFromMenu(page, 'Nueva solicitud', 'Nueva solicitud');
      await page.getByText('Sin señal. Puede seguir registrando solicitudes').waitFor();
      await fillApplication(page, { name, documentId });
      await page.getByText('Borrador guardado en este teléfono').waitFor();
      await page.getByRole('button', { name: 'Registrar la solicitud' }).click();
      await page.getByRole('heading', { level: 1, name: 'Guardada en este teléfono' }).waitFor();
      expect(await screenText(page)).toContain(
        `No hay señal. La solicitud de ${name} quedó guardada en este teléfono`,
      );

      // The phone reloads the app with no signal: it opens from the phone, the draft is there.
      await page.reload();
      await openFromMenu(page, 'Borradores', 'Borradores');
      const card = page.locator('.draft').filter({ hasText: name });
      await card.waitFor();
      const draft = (await card.innerText()).replace(/\u00a0/g, ' ');
      expect(draft).toContain('S/ 6,000.00');
      expect(draft).toContain('Ocongate');
      expect(draft).toContain('Por enviar');
      expect(draft).toContain('No había señal en el último intento.');
      const menu = page.getByRole('navigation', { name: 'Menú principal' });
      expect(await menu.getByRole('link', { name: /Borradores/ }).innerText()).toMatch(
        /Borradores\s*1/,
      );
      expect(await applicationsOf(documentId)).toMatchObject({ total: 0 });
      await expectSpanishOnly(page);

      // The signal comes back and the draft goes by itself — but its answer is lost on the way:
      // the server registered the family, the phone never heard.
      let posts = 0;
      await page.route('**/api/applications', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        posts += 1;
        if (posts > 1) return route.fallback();
        await route.fetch();
        await route.abort('connectionreset');
      });
      await context.setOffline(false);
      await eventually(() => expect(posts).toBe(1));
      const sendNow = page.getByRole('button', { name: 'Enviar ahora' });
      await eventually(async () => expect(await sendNow.isEnabled()).toBe(true));
      expect(await card.innerText()).toContain('Por enviar'); // still waiting, same key
      expect(await applicationsOf(documentId)).toMatchObject({ total: 1 });

      // A second sending, with the same key: the first answer comes back, nothing new is made.
      await sendNow.click();
      await page.getByRole('heading', { name: 'Enviadas desde borradores' }).waitFor();
      expect(posts).toBe(2);
      await page.getByText('No tiene borradores en este teléfono.').waitFor();
      const found = await applicationsOf(documentId);
      expect(found.total).toBe(1);
      const { reference } = found.items[0];
      const panel = (await screenText(page, '.drafts__sent')).replace(/\s+/g, ' ');
      expect(panel).toContain('Enviada');
      expect(panel).toContain(`Código ${reference}`);
      const pin = /Clave \(PIN\) (\d{3}) (\d{3})/.exec(panel);
      expect(pin).not.toBeNull();
      expect(panel).toContain(`${name} · S/ 6,000.00`);
      expect(await menu.getByRole('link', { name: /Borradores/ }).innerText()).toBe('Borradores');
      // The PIN on screen is the family's real one: it opens the family's application.
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference, pin: `${pin![1]}${pin![2]}` })
        .expect(200);
      await expectSpanishOnly(page);

      // The slip for the family, in Spanish, alone on one sheet of paper.
      await page.evaluate('window.print = () => undefined'); // no print dialog in a test
      await page.getByRole('button', { name: 'Imprimir la hoja para la familia' }).click();
      const slip = (await page.locator('#print-root .print-sheet').textContent()) ?? '';
      expect(slip).toContain('Su solicitud de crédito');
      expect(slip).toContain(name);
      expect(slip).toContain(reference);
      expect(slip).toContain(`${pin![1]} ${pin![2]}`);
      expect(slip).toMatch(/Fecha: \d{1,2} de [a-z]+ de \d{4}/);
      expect(slip).toContain(`abra en su celular la dirección: ${url}`);
      expect(slip).toContain('Elija «Soy una familia»');
      expect(slip).toContain('Guarde la clave en secreto');
      expect(slip).toContain('llame a su analista de crédito: Rosa Huamán');
      // Printed (page.pdf prints with the print stylesheet): the slip alone, on one sheet.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#app-header').isVisible()).toBe(false);
      expect(await page.locator('.drafts__sent').isVisible()).toBe(false);
      expect(await page.locator('.print-sheet').isVisible()).toBe(true);
      await page.emulateMedia({ media: null });
      expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
      expect(pdfPages(await page.pdf({ format: 'Letter' }))).toBe(1);

      // Once handed over, the PIN is gone from the phone.
      await page.getByRole('button', { name: 'Ya los entregué' }).click();
      await page.getByRole('heading', { name: 'Enviadas desde borradores' }).waitFor({
        state: 'detached',
      });
    } finally {
      await context.close();
    }
  });

  it('registers at once with signal: the code and PIN, the slip, and no draft left behind', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      const documentId = newDocumentId();
      const name = 'Familia Huillca Ccapa';
      await signInStaff(page, 'officer', 'officer-demo');
      await openFromMenu(page, 'Nueva solicitud', 'Nueva solicitud');
      await fillApplication(page, { name, documentId, amount: '3,500.50' });
      await page.getByRole('button', { name: 'Registrar la solicitud' }).click();
      await page.getByRole('heading', { level: 1, name: 'Solicitud registrada' }).waitFor();
      const [created] = (await applicationsOf(documentId)).items;
      const shown = (await screenText(page, '.credentials')).replace(/\s+/g, ' ');
      expect(shown).toContain(`Código ${created.reference}`);
      expect(shown).toMatch(/Clave \(PIN\) \d{3} \d{3}/);
      expect(shown).toContain(`${name} · S/ 3,500.50`);
      await page.getByRole('button', { name: 'Imprimir la hoja para la familia' }).waitFor();
      await expectSpanishOnly(page);
      await openFromMenu(page, 'Borradores', 'Borradores');
      await page.getByText('No tiene borradores en este teléfono.').waitFor();
      expect(await page.locator('.drafts__sent').innerText()).toBe(''); // shown once, in the form
    } finally {
      await context.close();
    }
  });

  it('keeps the draft when the session has ended, and sends it once the officer signs in again', async () => {
    const { context, page } = await openWindow(browser, url, PHONE);
    try {
      const documentId = newDocumentId();
      const name = 'Familia Condori Huamán';
      await signInStaff(page, 'officer', 'officer-demo');
      await openFromMenu(page, 'Nueva solicitud', 'Nueva solicitud');
      await fillApplication(page, { name, documentId, amount: '4500' });
      await page.getByText('Borrador guardado en este teléfono').waitFor();

      // Hours later the token is no longer good: the API answers 401 to the submit.
      await page.evaluate(`(() => {
        const session = JSON.parse(sessionStorage.getItem('qollqa.session'));
        session.token = session.token.slice(0, -6) + 'AAAAAA'; // a broken signature
        sessionStorage.setItem('qollqa.session', JSON.stringify(session));
      })()`);
      const refused = page.waitForResponse(
        (r) => r.url().endsWith('/api/applications') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Registrar la solicitud' }).click();
      expect((await refused).status()).toBe(401);
      await page.getByText('Su sesión terminó. Vuelva a ingresar.').waitFor();
      expect(await applicationsOf(documentId)).toMatchObject({ total: 0 });

      // Signing in again sends the waiting draft by itself.
      await page.getByLabel('Usuario').fill('officer');
      await page.getByLabel('Contraseña').fill('officer-demo');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('navigation', { name: 'Menú principal' }).waitFor();
      const found = await eventually(async () => {
        const list = await applicationsOf(documentId);
        // The list's page and its count are two reads: wait for both to show the application.
        expect(list.total).toBe(1);
        expect(list.items).toHaveLength(1);
        return list;
      });
      await page.goto('/#/drafts');
      await page.getByRole('heading', { name: 'Enviadas desde borradores' }).waitFor();
      expect(await screenText(page, '.drafts__sent')).toContain(found.items[0].reference);
      await page.getByText('No tiene borradores en este teléfono.').waitFor();
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it('lists the drafts in English at a desk: unfinished, refused with the reason, and only the own', async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    try {
      await signInStaff(page, 'officer', 'officer-demo');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Applications to review' }).waitFor();

      // One started and left for later…
      await page.goto('/#/new');
      await page.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
      await page.getByLabel(LABELS.en.name).fill('Familia Mamani Ccori');
      await page.getByLabel(LABELS.en.amount, { exact: true }).fill('1500');
      await page.getByText('Draft saved on this device').waitFor();

      // …and one the API refuses: more than the product allows.
      await page.goto('/#/new');
      await page.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
      await page.getByText('Draft saved on this device').waitFor({ state: 'detached' });
      await fillApplication(
        page,
        { name: 'Familia Ttito Quispe', documentId: newDocumentId(), amount: '40000' },
        'en',
      );
      await page.getByRole('button', { name: 'Register the application' }).click();
      await page.getByText('The application was not registered: fix what is shown').waitFor();

      await openFromEnglishMenu(page, /^Drafts/, 'Drafts');
      const cards = page.locator('.draft');
      await eventually(async () => expect(await cards.count()).toBe(2));
      const unfinished = (await cards.filter({ hasText: 'Familia Mamani Ccori' }).innerText())
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ');
      expect(unfinished).toContain('Not finished');
      expect(unfinished).toContain('S/ 1,500.00');
      expect(unfinished).toContain('Open it to finish it');
      const refusedCard = cards.filter({ hasText: 'Familia Ttito Quispe' });
      const refused = (await refusedCard.innerText()).replace(/\s+/g, ' ');
      expect(refused).toContain('Refused');
      expect(refused).toContain(
        'It was not accepted. Open it, fix the data and register it again.',
      );
      expect(refused).toContain("The amount, term or grace are outside the product's limits.");

      // Opened again, the form holds what was typed.
      await refusedCard.getByRole('link', { name: /Keep editing/ }).click();
      await page.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
      await eventually(async () =>
        expect(await page.getByLabel(LABELS.en.amount, { exact: true }).inputValue()).toBe('40000'),
      );
      await page.getByText("The amount, term or grace are outside the product's limits.").waitFor();

      // Another officer on the same computer sees none of them.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Username').fill('officer2');
      await page.getByLabel('Password').fill('officer2-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
      await openFromEnglishMenu(page, /^Drafts/, 'Drafts');
      await page.getByText('You have no drafts on this device.').waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();

      // Back as the officer: delete the unfinished one, after saying yes.
      await page.getByLabel('Username').fill('officer');
      await page.getByLabel('Password').fill('officer-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await openFromEnglishMenu(page, /^Drafts/, 'Drafts');
      await page
        .locator('.draft')
        .filter({ hasText: 'Familia Mamani Ccori' })
        .getByRole('button', { name: /Delete/ })
        .click();
      await page.getByText('Delete the draft of Familia Mamani Ccori?').waitFor();
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByText('The draft of Familia Mamani Ccori was deleted.').waitFor();
      await eventually(async () => expect(await page.locator('.draft').count()).toBe(1));
    } finally {
      await context.close();
    }
  });

  it('is installable: a manifest with its icon and a service worker, in a regular profile', async () => {
    // A browser's own profile (Playwright's other windows are private ones, never installable).
    const profile = mkdtempSync(join(tmpdir(), 'qollqa-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await shellInstalled(page);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      expect(await cdp.send('Page.getInstallabilityErrors')).toEqual({ installabilityErrors: [] });
      const parsed = await page.evaluate(() =>
        fetch('/manifest.webmanifest').then((r) => r.json()),
      );
      expect(parsed).toMatchObject({
        name: 'Qollqa',
        start_url: '/',
        display: 'standalone',
        icons: [expect.objectContaining({ src: '/icon.svg', sizes: 'any' })],
      });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
