import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { TestSystem } from '../support/test-system';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/**
 * The web UI works under the gateway's Content-Security-Policy: a real Chromium loads it, a fund
 * manager signs in and opens the funds screen (whose bars are sized with inline styles, set through
 * the CSSOM), and the browser reports no violation. The API docs page loads under its own policy.
 */
describe('the web UI under the Content-Security-Policy', () => {
  let system: TestSystem;
  let server: Server;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'disbursement'], label: 'csp' });
    server = system.app('gateway').getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await system?.close();
  });

  /** A page that records every policy violation and console error it sees. */
  async function watchedPage(): Promise<{ page: Page; problems: () => Promise<string[]> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    // Browser code as text: this project's TypeScript has no DOM types.
    await page.addInitScript({
      content: `window.violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          window.violations.push(event.violatedDirective + ' ' + event.blockedURI));`,
    });
    const problems = async () => [
      ...((await page.evaluate('window.violations')) as string[]),
      ...consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text)),
    ];
    return { page, problems };
  }

  it('loads, signs a fund manager in and draws the funds screen with no violation', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${origin}/#/login?as=staff`);
    await page.fill('input[name="username"]', 'manager');
    await page.fill('input[name="password"]', 'manager-demo');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${origin}/#/funds`);
    const fill = page.locator('.meter__fill').first();
    await fill.waitFor({ state: 'attached' });
    // The bar's width came from a style the policy would refuse as an attribute.
    expect(
      await fill.evaluate((el) => (el as unknown as { style: { width: string } }).style.width),
    ).toMatch(/%$/);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('loads the API docs page under its policy', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${origin}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toMatch(/Qollqa API/);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
