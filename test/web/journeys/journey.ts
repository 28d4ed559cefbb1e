import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  DESKTOP,
  launchBrowser,
  openWindow,
  PHONE,
  screenText,
  startWebSystem,
} from '../../support/browser';
import { StaffClient } from '../../support/staff-client';
import { TestSystem } from '../../support/test-system';
import { checkScreen, dictionaries, Dictionary, screenSettled } from '../../support/web-checks';

/**
 * What every journey shares: the two ways people use the app (Spanish on a phone in the field,
 * English at a desk), one system per file with a browser, and a `Journey` — one person's window
 * that speaks the UI's own words and checks every screen it visits (accessibility; no English on a
 * Spanish screen).
 *
 * To add a step: go to the screen (`menu`, a click), wait for its heading (`screen`), act, assert what
 * the person sees. `screen` runs the checks; call `check` again after a change on the same screen
 * (a form's outcome, a dialog).
 */

export interface Variant {
  name: string;
  lang: 'es' | 'en';
  viewport: { width: number; height: number };
}

export const VARIANTS: Variant[] = [
  { name: 'es · phone', lang: 'es', viewport: PHONE },
  { name: 'en · desktop', lang: 'en', viewport: DESKTOP },
];

/** One system and a browser for a journey file, with money in the funds so loans can be paid out. */
export async function startJourneys(label: string): Promise<{
  system: TestSystem;
  url: string;
  browser: Browser;
  staff: StaffClient;
}> {
  const { system, url } = await startWebSystem(label);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('100000.00', `BN-${label}`);
    await staff.addInnovationBudget('20000.00', `MINAGRI-${label}`);
    return { system, url, browser, staff };
  } catch (err) {
    // The suite's afterAll never sees a system it did not get: stop it here, or jest hangs.
    await browser?.close();
    await system.close();
    throw err;
  }
}

/**
 * The demo staff's usernames, shown as they are (the header, the accounts list, "recorded by"):
 * data, not English, on a Spanish screen.
 */
export const STAFF_USERNAMES = ['officer', 'officer2', 'manager', 'admin'];

function lookup(tree: Dictionary, key: string): string | undefined {
  const value = key
    .split('.')
    .reduce<string | Dictionary | undefined>(
      (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
      tree,
    );
  return typeof value === 'string' ? value : undefined;
}

/** Text with every kind of space (no-break, narrow no-break, new lines) as one plain space. */
export const spaced = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Waits until the service worker keeps the app's shell and answers for this page (for offline). */
export async function shellKept(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Journey {
  /** The screens checked so far, in order (a failure's message names the screen). */
  readonly visited: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly variant: Variant,
    readonly who: string,
    /** Words of the data that happen to be English (a username shown in the header). */
    private readonly allowed: string[],
  ) {}

  /** A window on the sign-in screen, switched to English with the header's button when needed. */
  static async open(
    browser: Browser,
    url: string,
    variant: Variant,
    who: string,
    allowed: string[] = [],
  ): Promise<Journey> {
    const { context, page } = await openWindow(browser, url, variant.viewport);
    const journey = new Journey(page, context, variant, who, allowed);
    await page
      .getByRole('heading', { level: 1, name: lookup(dictionaries.es, 'login.title') })
      .waitFor();
    if (variant.lang === 'en') {
      // The Spanish screen's button names the other language.
      await page.getByRole('button', { name: lookup(dictionaries.es, 'lang.toggle') }).click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    }
    return journey;
  }

  get lang(): 'es' | 'en' {
    return this.variant.lang;
  }

  /**
   * The UI's sentence for `key` in this journey's language (or `lang`: the family's paper is always
   * Spanish), with its {placeholders} filled.
   */
  t(
    key: string,
    params: Record<string, string | number> = {},
    lang: 'es' | 'en' = this.lang,
  ): string {
    const value = lookup(dictionaries[lang], key);
    if (value === undefined) throw new Error(`no "${key}" in the ${lang} dictionary`);
    return value.replace(/\{(\w+)\}/g, (whole, name) =>
      name in params ? String(params[name]) : whole,
    );
  }

  /** A sentence as a pattern: its placeholders match anything (for text with dates and amounts). */
  pattern(key: string, params: Record<string, string | number> = {}): RegExp {
    const filled = this.t(key, params);
    return new RegExp(escape(filled).replace(/\\\{\w+\\\}/g, '.+'));
  }

  /** Both checks on the screen as it is now. */
  async check(screen: string): Promise<void> {
    const name = `${this.who} · ${screen} · ${this.variant.name}`;
    this.visited.push(name);
    await checkScreen(this.page, name, { lang: this.lang, allowed: this.allowed });
  }

  /** Waits for a screen's heading (a dictionary key, or the text itself), then checks the screen. */
  async screen(heading: string | { text: string }, screen?: string): Promise<void> {
    const name = typeof heading === 'string' ? this.t(heading) : heading.text;
    await this.page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await screenSettled(this.page);
    await this.check(screen ?? (typeof heading === 'string' ? heading : heading.text));
  }

  /** Goes to a screen through the main menu (`nav.<item>`) and checks it. */
  async menu(item: string, heading: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: this.t('nav.label') })
      .getByRole('link', { name: this.t(`nav.${item}`), exact: true })
      .click();
    await this.screen(heading);
  }

  /**
   * Every screen of the main menu, in its order, each checked: whatever the menu holds today, so a
   * new screen is checked as soon as it is in someone's menu. Returns the items visited.
   */
  async visitWholeMenu(): Promise<string[]> {
    const nav = this.page.getByRole('navigation', { name: this.t('nav.label') });
    const items = (await nav.getByRole('link').allInnerTexts()).map((item) => item.trim());
    for (const item of items) {
      await nav.getByRole('link', { name: item, exact: true }).click();
      await nav.locator('a[aria-current="page"]', { hasText: item }).waitFor();
      await this.page.locator('main h1').first().waitFor();
      await screenSettled(this.page);
      await this.check(`menu: ${item}`);
    }
    return items;
  }

  /** The sign-in screen, then staff's form, filled in as a person does, to their first screen. */
  async signInStaff(username: string, password: string, home: string): Promise<void> {
    await this.check('sign-in');
    await this.page.getByRole('link', { name: this.t('login.staffTab') }).click();
    await this.page.getByLabel(this.t('login.username')).waitFor();
    await this.check('sign-in as staff');
    await this.page.getByLabel(this.t('login.username')).fill(username);
    await this.page.getByLabel(this.t('login.password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: this.t('login.submit') }).click();
    // The header greets them (by their name or username: the journey does not mind which).
    await this.page.locator('#app-header').getByText(this.pattern('nav.signedInAs')).waitFor();
    await this.screen(home);
  }

  /**
   * After an action that may ask "are you sure?" first: checks the confirmation and confirms it
   * when one opens, then waits for `outcome` (what the screen shows once it is done). Returns what
   * the confirmation said (spaces plain, one line), or null when none was asked.
   */
  async confirmIfAsked(outcome: Locator, screen: string): Promise<string | null> {
    const dialog = this.page.locator('dialog[open]');
    await dialog.or(outcome).first().waitFor();
    let asked: string | null = null;
    if (await dialog.isVisible()) {
      asked = spaced(await dialog.innerText());
      await this.check(`${screen}: confirmation`);
      await dialog
        .getByRole('button')
        .filter({ hasNotText: this.t('common.cancel') })
        .first()
        .click();
    }
    await outcome.waitFor();
    return asked;
  }

  /** A calendar date ("2026-04-02") as the UI writes it in this language ("2 de abril de 2026"). */
  date(iso: string, style: 'medium' | 'long' | 'full' = 'medium'): string {
    return new Intl.DateTimeFormat(this.lang === 'es' ? 'es-PE' : 'en-GB', {
      dateStyle: style,
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
  }

  button(key: string): Locator {
    return this.page.getByRole('button', { name: this.t(key), exact: true });
  }

  label(key: string): Locator {
    return this.page.getByLabel(this.t(key), { exact: true });
  }

  /** What the person reads under the header, or in `within` (amounts with plain spaces). */
  async text(within: string | Locator = 'main'): Promise<string> {
    if (typeof within === 'string') return screenText(this.page, within);
    return (await within.innerText()).replace(/\u00a0/g, ' ');
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
