import { Browser, BrowserContext, Page } from 'playwright-core';
import { CreateUserService } from '../../apps/gateway/src/users/services/create-user.service';
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
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { spanishApplication } from './web-data';

/**
 * Signing in where the person was going: a link to a screen opened without a session, or a session
 * that ended on a screen, leads to the sign-in form and, once signed in, back to that screen (when
 * the role may see it). The form says how many attempts are left after a refusal and, once locked,
 * at what time to try again; a family types its PIN as printed ("410 056"); the header greets the
 * person by name. Every window signs in from an address of its own (X-Forwarded-For, which the
 * gateway believes from loopback), so one test's failures never count against another's.
 */
describe('Signing in and returning to the screen asked for', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let family: { reference: string; pin: string };
  let applicationId: string;
  let loanId: string;
  let addresses = 0;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_sign_in_return'));
    browser = await launchBrowser();
    const staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-RETURN-1');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-RETURN-1');
    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', spanishApplication({ documentId: newDocumentId() }))
      .expect(201);
    family = { reference: created.reference, pin: created.pin };
    applicationId = created.id;
    await staff.waitForStatus(created.id, 'in_review');
    await staff.approve(created.id, 'Visitamos el establo');
    ({ loanId } = await staff.waitForStatus(created.id, 'disbursed'));
    const users = system.app('gateway').get(CreateUserService);
    await users.execute({
      username: 'lucia.condori',
      displayName: 'Lucía Condori Apaza',
      role: 'loan_officer',
      password: 'Pomacanchi-2026-leche',
    });
    await users.execute({
      username: 'julio.huillca',
      displayName: 'Julio Huillca',
      role: 'loan_officer',
      password: 'Chumbivilcas-2026',
    });
    await system.settle();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  /** A person's window on a screen of its own, its sign-ins from an address of its own. */
  const windowAt = async (viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page }> => {
    const opened = await openWindow(browser, url, viewport);
    await opened.context.setExtraHTTPHeaders({ 'X-Forwarded-For': `192.0.2.${++addresses}` });
    return opened;
  };
  /** What the address bar holds after the "#". */
  const route = (page: Page) => decodeURIComponent(new URL(page.url()).hash);
  const header = (page: Page) => screenText(page, '#app-header');
  /** "410056" → "410 056", as the officer's screen and the family's slip show it. */
  const printed = (pin: string) => `${pin.slice(0, 3)} ${pin.slice(3)}`;
  const wrongPin = () => (family.pin === '000000' ? '111111' : '000000');

  it('takes a family on a phone from its link to the sign-in and back, with its PIN typed as printed', async () => {
    const { context, page } = await windowAt(PHONE);
    try {
      await page.goto('/#/my');
      await page.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      expect(route(page)).toBe('#/login?next=my');
      await page.getByLabel('Código de la solicitud').fill(family.reference);

      // A wrong PIN: what was wrong, and how many attempts are left.
      await page.getByLabel('Clave (PIN) de 6 números').fill(printed(wrongPin()));
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByText('El código o la clave no son correctos.').waitFor();
      await page
        .getByText('Le quedan 4 intentos antes de que la cuenta se bloquee 15 minutos.')
        .waitFor();
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page
        .getByText('Le quedan 3 intentos antes de que la cuenta se bloquee 15 minutos.')
        .waitFor();
      await expectSpanishOnly(page);

      // The PIN as it is printed, with its space: the field keeps all of it.
      const pin = page.getByLabel('Clave (PIN) de 6 números');
      await pin.fill('');
      await pin.pressSequentially(printed(family.pin));
      expect(await pin.inputValue()).toBe(printed(family.pin));
      expect(await pin.getAttribute('inputmode')).toBe('numeric');
      expect(await pin.getAttribute('autocomplete')).toBe('off');
      await page.getByRole('button', { name: 'Ingresar' }).click();

      await page.getByRole('heading', { level: 1, name: 'Mi solicitud' }).waitFor();
      expect(route(page)).toBe('#/my');
      // Greeted by the enterprise's name, not by a code.
      expect(await header(page)).toContain('Sesión de Familia Quispe Mamani · Familia');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it("takes an officer on a phone from an application's link to the staff sign-in and back to it", async () => {
    const { context, page } = await windowAt(PHONE);
    try {
      await page.goto(`/#/applications/${applicationId}`);
      await page.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      // Only staff may see an application: the staff form is the one shown.
      expect(route(page)).toBe(`#/login?as=staff&next=applications/${applicationId}`);
      await page.getByLabel('Usuario').fill('officer');
      await page.getByLabel('Contraseña').fill('officer-demo');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page
        .getByRole('heading', { level: 1, name: `Solicitud ${family.reference}` })
        .waitFor();
      expect(route(page)).toBe(`#/applications/${applicationId}`);
      expect(await header(page)).toContain('Sesión de Rosa Huamán · Analista de crédito');
    } finally {
      await context.close();
    }
  });

  it('on an English desktop: a loan link with its query, attempts left after a wrong password, then back to the loan', async () => {
    const { context, page } = await windowAt(DESKTOP);
    try {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.goto(`/#/loans/${loanId}?tab=repayments`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(route(page)).toBe(`#/login?as=staff&next=loans/${loanId}?tab=repayments`);

      await page.getByLabel('Username').fill('lucia.condori');
      await page.getByLabel('Password').fill('not-my-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The username or password is not right.').waitFor();
      await page
        .getByText('You have 4 attempts left before the account is locked for 15 minutes.')
        .waitFor();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByText('You have 3 attempts left before the account is locked for 15 minutes.')
        .waitFor();
      // Switching to the family tab and back keeps where the person was going.
      await page.getByRole('link', { name: 'I am a family' }).click();
      await page.getByLabel('Application code').waitFor();
      await page.getByRole('link', { name: 'I am staff' }).click();

      await page.getByLabel('Username').fill('lucia.condori');
      await page.getByLabel('Password').fill('Pomacanchi-2026-leche');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();
      expect(route(page)).toBe(`#/loans/${loanId}?tab=repayments`);
      expect(await header(page)).toContain('Signed in as Lucía Condori Apaza · Loan officer');
    } finally {
      await context.close();
    }
  });

  it('when the session ends on a screen, signs the person in again and back to that screen', async () => {
    const { context, page } = await windowAt(DESKTOP);
    try {
      await page.goto('/#/login?as=staff');
      await page.getByLabel('Usuario').fill('officer');
      await page.getByLabel('Contraseña').fill('officer-demo');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      await page.goto(`/#/loans/${loanId}`);
      await page.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();

      // The token stops being good (it expired, or the account got a new password): the next
      // request is refused with 401.
      await page.evaluate(`(() => {
        const key = 'qollqa.session';
        const session = JSON.parse(sessionStorage.getItem(key) ?? '{}');
        sessionStorage.setItem(key, JSON.stringify({ ...session, token: 'expired.token.value' }));
      })()`);
      await page.reload();
      await page.getByText('Su sesión terminó. Vuelva a ingresar.').waitFor();
      expect(route(page)).toBe(`#/login?as=staff&next=loans/${loanId}`);
      await page.getByLabel('Usuario').fill('officer');
      await page.getByLabel('Contraseña').fill('officer-demo');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Familia Quispe Mamani' }).waitFor();
      expect(route(page)).toBe(`#/loans/${loanId}`);
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });

  it("sends a role to its own first screen when the link is for another role's screen", async () => {
    const { context, page } = await windowAt(DESKTOP);
    try {
      await page.goto('/#/approvals'); // the fund manager's second approvals
      await page.getByLabel('Usuario').fill('officer');
      await page.getByLabel('Contraseña').fill('officer-demo');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      expect(route(page)).toBe('#/queue');
    } finally {
      await context.close();
    }
  });

  it('never leaves the app for a `next` that is not one of its screens', async () => {
    const { context, page } = await windowAt(DESKTOP);
    try {
      const origin = new URL(url).origin;
      for (const next of [
        'https://example.org/phish',
        '//example.org/phish',
        'javascript:alert(1)',
        '../../api/users',
        'login',
      ]) {
        await page.goto(`/#/login?as=staff&next=${encodeURIComponent(next)}`);
        await page.getByLabel('Usuario').fill('officer');
        await page.getByLabel('Contraseña').fill('officer-demo');
        await page.getByRole('button', { name: 'Ingresar' }).click();
        await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
        expect(new URL(page.url()).origin).toBe(origin);
        expect(route(page)).toBe('#/queue');
        await page.getByRole('button', { name: 'Salir' }).click();
        await page.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      }
    } finally {
      await context.close();
    }
  });

  it('says at what time to try again once the account is locked', async () => {
    const { context, page } = await windowAt(PHONE);
    try {
      await page.goto('/#/login?as=staff');
      await page.getByLabel('Usuario').fill('julio.huillca');
      await page.getByLabel('Contraseña').fill('not-the-password');
      for (const left of [4, 3, 2]) {
        await page.getByRole('button', { name: 'Ingresar' }).click();
        await page
          .getByText(`Le quedan ${left} intentos antes de que la cuenta se bloquee 15 minutos.`)
          .waitFor();
      }
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page
        .getByText('Le queda 1 intento antes de que la cuenta se bloquee 15 minutos.')
        .waitFor();
      const fifth = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Ingresar' }).click();
      expect((await fifth).status()).toBe(401);
      await page
        .getByText(
          /^La cuenta quedó bloqueada 15 minutos\. Vuelva a intentarlo a las \d{2}:\d{2}\.$/,
        )
        .waitFor();

      // Locked: even the right password waits, and the screen says until when, in Lima's time.
      await page.getByLabel('Contraseña').fill('Chumbivilcas-2026');
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Ingresar' }).click();
      const answer = await refused;
      expect(answer.status()).toBe(429);
      const { retryAt } = (await answer.json()) as { retryAt: string };
      const time = new Intl.DateTimeFormat('es-PE', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'America/Lima',
      }).format(new Date(retryAt));
      await page
        .getByText(
          `Demasiados intentos fallidos: la cuenta está bloqueada. Vuelva a intentarlo a las ${time}.`,
        )
        .waitFor();
      await expectSpanishOnly(page);
    } finally {
      await context.close();
    }
  });
});
