import { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import {
  dictionaries,
  englishFound,
  englishOnlyWords,
  expectNoEnglishOnSpanishScreen,
  expectNoSeriousA11yViolations,
  wordsOf,
} from '../../support/web-checks';

/** The list of words that give English away on a Spanish screen, built from the UI's dictionaries. */
describe('the English words a Spanish screen must not show', () => {
  const en = {
    login: { submit: 'Sign in', pin: 'PIN of 6 digits', hello: 'Hello {name}, welcome' },
    status: { normal: 'Normal', total: '{n} in total' },
  };
  const es = {
    login: { submit: 'Ingresar', pin: 'Clave (PIN) de 6 números', hello: 'Hola {name}' },
    status: { normal: 'Normal', total: '{n} en total' },
  };

  it('keeps the words of 4 letters or more that no Spanish string uses', () => {
    // "in", "of", "PIN" are short; "Normal" and "total" are Spanish too; {name} is no word.
    expect([...englishOnlyWords(en, es)].sort()).toEqual(['digits', 'hello', 'sign', 'welcome']);
  });

  it('splits on anything that is not a letter, keeps accented letters, and ignores case', () => {
    expect(wordsOf('Próxima cuota: S/ 379.03 — {date}, QL-7K4M2P')).toEqual([
      'próxima',
      'cuota',
      's',
      'ql',
      'k',
      'm',
      'p',
    ]);
  });

  it('names each English word found with the line it is in', () => {
    const english = englishOnlyWords(en, es);
    expect(englishFound('Mi solicitud\nHello, Familia Quispe\nSIGN in · sign', english)).toEqual([
      { word: 'hello', context: 'Hello, Familia Quispe' },
      { word: 'sign', context: 'SIGN in · sign' },
    ]);
  });

  it("is built from the UI's own dictionaries: their English words, never the shared ones", () => {
    const words = englishOnlyWords(dictionaries.en, dictionaries.es);
    expect(words.size).toBeGreaterThan(300);
    for (const english of ['sign', 'application', 'repayment', 'loans', 'approve'])
      expect(words).toContain(english);
    // Words both dictionaries use: the product, identity documents, the language button.
    for (const shared of ['qollqa', 'english', 'total', 'normal'])
      expect(words).not.toContain(shared);
  });
});

/** The checks themselves, on small pages of known faults (no server: the page is set directly). */
describe('the checks every journey runs on a screen', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  const show = (lang: string, body: string) =>
    page.setContent(
      `<!doctype html><html lang="${lang}"><head><title>Qollqa</title></head>` +
        `<body><main><h1>Qollqa</h1>${body}</main></body></html>`,
    );

  it('passes a clean screen and fails, naming the rule and the element, on a serious problem', async () => {
    await show('es', '<p>Próxima cuota</p><button type="button">Ingresar</button>');
    await expectNoSeriousA11yViolations(page, 'clean');

    // A button with no name (critical), grey on white text (serious contrast).
    await show(
      'es',
      '<button type="button" id="mute"></button><p id="faint" style="color:#ccc">Próxima cuota</p>',
    );
    const failure = await expectNoSeriousA11yViolations(page, 'family · my loan · es · phone').then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).toContain('family · my loan · es · phone');
    expect(failure).toMatch(/\[critical\] button-name: .*\n\s+at #mute/);
    expect(failure).toMatch(/\[serious\] color-contrast: .*\n\s+at #faint/);
  });

  it('fails a Spanish screen with English on it, and names each word with its line', async () => {
    await show(
      'es',
      '<p>Próxima cuota</p><p>Record the decision</p><a title="Sign out" href="#">Salir</a>',
    );
    const failure = await expectNoEnglishOnSpanishScreen(page).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).toContain('"record" in: Record the decision');
    expect(failure).toContain('"decision" in: Record the decision');
    expect(failure).toContain('"sign" in: [label] Sign out');
    expect(failure).not.toContain('próxima');

    // A family's or a user's name that happens to be an English word is not a leak, nor is a
    // route (the audit trail's raw action, in a tooltip).
    await show(
      'es',
      '<p>Sesión de officer</p><span title="POST /api/admin/close-of-business">Cierre</span>',
    );
    await expectNoEnglishOnSpanishScreen(page, ['officer']);
  });
});
