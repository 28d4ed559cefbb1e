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
} from '../support/browser';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { spanishApplication } from './web-data';

/** An amount as the screen shows it ("S/ 12,500.00", the no-break space made plain). */
const soles = (amount: string) => `S/ ${amount.replace(/\B(?=(\d{3})+\.)/g, ',')}`;

// What would mean the services' own words reached the screen: codes, English notes, usernames.
const RAW_CODES =
  /\b(CAPACITY|NO_HISTORY|PAST_ARREARS|LOW_EXPERIENCE|NOT_ASSOCIATED|VALUE_CHAIN_RISK|OTHER_DEBT|NEGATIVE_SURPLUS|SCORED|SECOND_APPROVAL_REQUIRED|WAITLISTED|DISBURSED|GUARANTEE_CAPACITY|QUEUE_AHEAD|GRANT_[A-Z_]+)\b/;
// (the services' English notes, as they write them: amounts without thousands separators)
const ENGLISH_NOTES =
  /Scored \d+ \(|Paid out S\/ \d+\.\d{2} on \d{4}|Approved for \d+\.\d{2}:|Grant of \d+\.\d{2} refused|leverage limit/;
const USERNAMES = /\b(by|por) (officer|manager|system)\b|\bsystem\b/;
// Spanish words of the UI that must not show in English mode (the families' own data aside).
const SPANISH =
  /\b(de|del|la|las|el|los|por|para|con|sin|una|según|crédito|créditos|fondo|garantía|subvención|automático|aprobada|aprobado|puntaje|nota|solicitud|meses|historial)\b/i;

/**
 * An application's history in the officer's language: a loan above PEN 10,000 (a fund manager's
 * second approval) paid out without the grant it asked for, because the innovation fund had too
 * little left. In Spanish on a phone and in English on a desktop, every step is a sentence with its
 * amounts and the display names of who acted — never a code, a username or an English note.
 */
describe('The application timeline in the reader’s language', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  let id: string;
  let reference: string;
  let score: { value: number; grade: string };
  const windows: BrowserContext[] = [];
  const purpose = 'Ordeñadora y tanque de enfriamiento';
  const officerNote = 'Visité el establo: ordeña 40 litros diarios';

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_timeline'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('80000.00', 'BN-WEB-TIMELINE');
    // Less than the 3,000.00 the family asks for: the grant is refused, the loan goes ahead.
    await staff.addInnovationBudget('1000.00', 'MINAGRI-WEB-TIMELINE');
    id = await staff.registerScored(
      spanishApplication(
        { documentId: newDocumentId(), name: 'Familia Quispe Mamani' },
        { amount: '12500.00', termMonths: 18, purpose },
      ),
    );
    // The officer approves with a note of their own; the fund manager confirms without one.
    await staff.approve(id, officerNote);
    const paid = await staff.waitForStatus(id, 'disbursed');
    ({ reference, score } = paid);
  }, 180_000);
  afterAll(async () => {
    for (const context of windows) await context.close();
    await browser?.close();
    await system?.close();
  });

  async function officerWindow(screen: 'phone' | 'desktop'): Promise<Page> {
    const { context, page } = await openWindow(browser, url, screen === 'phone' ? PHONE : DESKTOP);
    windows.push(context);
    await signInStaff(page, 'officer', 'officer-demo');
    if (screen === 'desktop') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Español' }).waitFor();
    }
    await page.goto(`/#/applications/${id}`);
    return page;
  }

  /** The history card's steps, each as its visible lines joined by spaces. */
  async function steps(page: Page): Promise<string[]> {
    const items = page.locator('.timeline__item');
    await items.nth(4).waitFor();
    return items.evaluateAll((lis) =>
      lis.map((li) => (li as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')),
    );
  }

  const plain = (text: string) => text.replace(/\u00a0/g, ' ');

  it('in Spanish on a phone: sentences with the amounts, the display names, no code and no English', async () => {
    const page = await officerWindow('phone');
    await page.getByRole('heading', { level: 1, name: `Solicitud ${reference}` }).waitFor();
    const history = (await steps(page)).map(plain);
    expect(history).toHaveLength(5);
    const [submitted, scored, awaiting, approved, disbursed] = history;
    expect(submitted).toMatch(/^Recibida .* · por Rosa Huamán$/);
    expect(scored).toContain(' · automático ');
    expect(scored).toContain(`Puntaje ${score.value} de 100, categoría ${score.grade}:`);
    expect(awaiting).toContain(' · por Rosa Huamán ');
    expect(awaiting).toContain(
      `Aprobada por ${soles('12500.00')}. Como pasa de ${soles('10000.00')}, el gestor del fondo debe confirmarla.`,
    );
    // The officer's own words, as written and labelled as theirs.
    expect(awaiting).toContain(`Nota de Rosa Huamán ${officerNote}`);
    expect(approved).toContain(' · por Elena Quispe');
    // 12,500.00 × 70 % × 1.5 % = 131.25 withheld; 12,500.00 − 131.25 = 12,368.75 received.
    expect(disbursed).toContain(' · automático ');
    expect(disbursed).toMatch(
      new RegExp(
        `Se entregaron S/ 12,368\\.75 el 2 de marzo de 2026: el crédito de S/ 12,500\\.00 menos la comisión de garantía de S/ 131\\.25\\.`,
      ),
    );
    expect(disbursed).toContain(
      `La subvención pedida de ${soles('3000.00')} no se otorgó: al fondo de innovación solo le quedaban ${soles('1000.00')}. El crédito se desembolsó sin ella.`,
    );
    // The decision card names people by their display names too.
    const decision = plain(await screenText(page, '.grid__side'));
    expect(decision).toContain('Aprobada por Rosa Huamán el');
    expect(decision).toContain('Segunda aprobación: Elena Quispe');
    // The score's reasons are sentences.
    expect(plain(await screenText(page, '.reasons'))).toContain(
      'Sin historial: es su primer crédito con el fondo.',
    );

    const text = plain(await screenText(page, 'body'));
    expect(text).not.toMatch(RAW_CODES);
    expect(text).not.toMatch(ENGLISH_NOTES);
    expect(text).not.toMatch(USERNAMES);
    await expectSpanishOnly(page);
    // The sentences wrap on a 360 px screen: nothing sticks out sideways.
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
  });

  it('in English on a desktop: the same facts, and no Spanish of the interface', async () => {
    const page = await officerWindow('desktop');
    await page.getByRole('heading', { level: 1, name: `Application ${reference}` }).waitFor();
    const [submitted, scored, awaiting, approved, disbursed] = (await steps(page)).map(plain);
    expect(submitted).toMatch(/ · by Rosa Huamán$/);
    expect(scored).toContain(' · automatic ');
    expect(scored).toContain(`Score ${score.value} of 100, grade ${score.grade}:`);
    expect(awaiting).toContain(
      `Approved for ${soles('12500.00')}. As it is above ${soles('10000.00')}, a fund manager must confirm it.`,
    );
    expect(awaiting).toContain(`Note by Rosa Huamán ${officerNote}`);
    expect(approved).toContain(' · by Elena Quispe');
    expect(disbursed).toContain(
      'Paid out S/ 12,368.75 on 2 March 2026: the loan of S/ 12,500.00 less the guarantee fee of S/ 131.25.',
    );
    expect(disbursed).toContain(
      `The grant asked for (${soles('3000.00')}) was not given: the innovation fund had only ${soles('1000.00')} left. The loan was paid out without it.`,
    );
    const decision = plain(await screenText(page, '.grid__side'));
    expect(decision).toContain('Approved by Rosa Huamán on');
    expect(decision).toContain('Second approval: Elena Quispe');
    expect(plain(await screenText(page, '.reasons'))).toContain(
      'No history: this is its first loan with the fund.',
    );

    const text = plain(await screenText(page, 'main'));
    expect(text).not.toMatch(RAW_CODES);
    expect(text).not.toMatch(ENGLISH_NOTES);
    expect(text).not.toMatch(USERNAMES);
    // What the family and the officer typed is theirs; everything else must be English.
    const interfaceText = [
      purpose,
      'Ordeño mecánico',
      officerNote,
      'Familia Quispe Mamani',
      'Rosa Huamán',
      'Elena Quispe',
    ].reduce((rest, data) => rest.split(data).join(' '), text);
    const spanish = interfaceText.split('\n').find((line) => SPANISH.test(line));
    expect(spanish ?? null).toBeNull();
  });
});
