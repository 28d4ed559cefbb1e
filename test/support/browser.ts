import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { SERVICE_NAMES } from '@qollqa/config';
import { TestSystem } from './test-system';

export { CHROMIUM_PATH, launchChromium as launchBrowser } from '@qollqa/testing';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** How long a user waits for a screen at most (a fresh system's first answers are slow). */
const SCREEN_TIMEOUT_MS = 15_000;

/**
 * Every service and the gateway listening on a port of its own, as a browser needs it. Returns the
 * system and the address of the web UI.
 */
export async function startWebSystem(label: string): Promise<{ system: TestSystem; url: string }> {
  const system = await TestSystem.start({ services: [...SERVICE_NAMES], label });
  await system.app('gateway').listen({ port: 0, host: '127.0.0.1' });
  const { port } = system.app('gateway').getHttpServer().address() as AddressInfo;
  return { system, url: `http://127.0.0.1:${port}` };
}

/**
 * A person's own browser window: its own session storage, a phone or a desktop screen, Peru's
 * time zone and language. The UI starts in Spanish whatever the browser's language.
 */
export async function openWindow(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'es-PE',
    timezoneId: 'America/Lima',
    acceptDownloads: true,
    baseURL: url,
  });
  context.setDefaultTimeout(SCREEN_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto('/');
  return { context, page };
}

/**
 * Signs a staff member in through the form, as they would, and waits for their first screen (the
 * header then greets them by their display name).
 */
export async function signInStaff(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/#/login?as=staff');
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page
    .locator('#app-header')
    .getByText(/^Sesión de /)
    .waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Salir' }).click();
  await page.getByRole('heading', { name: 'Ingresar' }).waitFor();
}

/** Goes to a screen through the main menu, and waits for its heading. */
export async function openFromMenu(page: Page, item: string, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menú principal' })
    .getByRole('link', { name: item })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The rows of the first table on screen (or inside `within`), each as its cells' visible text. */
export async function tableRows(scope: Page | Locator): Promise<string[][]> {
  const rows = scope.locator('table tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from((tr as unknown as { cells: ArrayLike<{ innerText: string }> }).cells, (td) =>
        td.innerText.replace(/\s+/g, ' ').trim(),
      ),
    ),
  );
}

/** Clicks what starts a download and returns the saved file's name and text. */
export async function download(
  page: Page,
  trigger: Locator,
): Promise<{ filename: string; text: string }> {
  const [file]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    trigger.click(),
  ]);
  const path = await file.path();
  return { filename: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

// Words that would mean English (or a raw server answer) leaked into a Spanish screen.
const ENGLISH =
  /\b(the|and|with|should|must|cannot|not found|bad request|unauthorized|forbidden|conflict|loan|sign in|page)\b/i;

/**
 * What the person reads in a part of the page (default: the screen under the header), with the
 * no-break spaces of amounts ("S/ 1,500.00") as plain spaces.
 */
export async function screenText(page: Page, selector = 'main'): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
}

/** Fails with the offending text when the screen shows English while the UI is in Spanish. */
export async function expectSpanishOnly(page: Page): Promise<void> {
  const text = await screenText(page, 'body');
  const line = text.split('\n').find((l) => ENGLISH.test(l));
  expect(line ?? null).toBeNull();
}
