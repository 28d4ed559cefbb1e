import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';

/**
 * Checks every browser journey runs on every screen it visits: no serious accessibility problem
 * (axe-core's rules, run in the page), and no English word on a screen that is in Spanish.
 */

export type Dictionary = { [key: string]: string | Dictionary };

// The web UI's own dictionaries (an ES module of the static UI, which jest compiles like any source).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dictionaries } = require('../../apps/web/src/js/i18n.js') as {
  dictionaries: { es: Dictionary; en: Dictionary };
};
export { dictionaries };

/** Every string of a dictionary, depth first. */
export function dictionaryStrings(tree: Dictionary): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === 'string' ? [value] : dictionaryStrings(value),
  );
}

/** The words of a text, in lower case: runs of letters (a `{placeholder}` is not a word). */
export function wordsOf(text: string): string[] {
  return (text.replace(/\{\w+\}/g, ' ').match(/\p{L}+/gu) ?? []).map((word) =>
    word.toLocaleLowerCase('en'),
  );
}

/**
 * The words that give English away: every word of 4 letters or more in the English dictionary's
 * strings that no Spanish string uses. Words both languages show ("PIN", "DNI", "Qollqa", "Total",
 * "English" on the language button) are left out, and so are short ones ("the", "of", "PEN").
 */
export function englishOnlyWords(en: Dictionary, es: Dictionary, minLength = 4): Set<string> {
  const spanish = new Set(dictionaryStrings(es).flatMap(wordsOf));
  return new Set(
    dictionaryStrings(en)
      .flatMap(wordsOf)
      .filter((word) => [...word].length >= minLength && !spanish.has(word)),
  );
}

/** Each English word found in `text`, with the line around it (what a reader of the failure needs). */
export function englishFound(
  text: string,
  english: Set<string>,
): { word: string; context: string }[] {
  const found: { word: string; context: string }[] = [];
  for (const line of text.split('\n')) {
    for (const word of new Set(wordsOf(line))) {
      if (english.has(word)) found.push({ word, context: line.trim().slice(0, 160) });
    }
  }
  return found;
}

const ENGLISH_WORDS = englishOnlyWords(dictionaries.en, dictionaries.es);

/** What a function run in the page may touch (the suites are compiled without the DOM's types). */
type BrowserGlobal = { document: { querySelector(selector: string): unknown } };

/**
 * An API route ("POST /api/admin/close-of-business", the audit trail's raw action in a tooltip) is
 * an identifier, like a code: not English a person is meant to read.
 */
function withoutRoutes(text: string): string {
  return text.replace(/\b(?:GET|POST|PUT|PATCH|DELETE)\s+\/api\/\S*|\/api\/\S*/g, ' ');
}

/** Until the screen has drawn what it was loading (no "Cargando…" left, nothing busy). */
export async function screenSettled(page: Page, timeoutMs = 15_000): Promise<void> {
  // A function, not a string: the page's CSP refuses eval(), which a polled string would need.
  await page.waitForFunction(
    (selector) => !(globalThis as unknown as BrowserGlobal).document.querySelector(selector),
    'main .loading, main [aria-busy="true"]',
    { timeout: timeoutMs },
  );
}

/**
 * Fails, naming each word and the line it is in, when a screen in Spanish shows a word that only
 * the English dictionary uses: in the visible text (`document.body.innerText`, which includes the
 * visually hidden captions a screen reader reads) and in the labels only a screen reader or a
 * tooltip shows (`aria-label`, `title`, `placeholder`, `alt`). `allowed`: words of the data that
 * happen to be English words (a family's name, say).
 */
export async function expectNoEnglishOnSpanishScreen(
  page: Page,
  allowed: string[] = [],
): Promise<void> {
  await screenSettled(page);
  const { lang, text, labels } = (await page.evaluate(`({
    lang: document.documentElement.lang,
    text: document.body.innerText,
    labels: Array.from(
      document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'),
      (el) => ['aria-label', 'title', 'placeholder', 'alt']
        .map((name) => el.getAttribute(name))
        .filter(Boolean)
        .join('\\n'),
    ).join('\\n'),
  })`)) as { lang: string; text: string; labels: string };
  expect(lang).toBe('es');
  const skip = new Set(allowed.flatMap(wordsOf));
  const english = new Set([...ENGLISH_WORDS].filter((word) => !skip.has(word)));
  const all = [
    ...englishFound(withoutRoutes(text.replace(/\u00a0/g, ' ')), english),
    ...englishFound(withoutRoutes(labels), english).map((hit) => ({
      ...hit,
      context: `[label] ${hit.context}`,
    })),
  ];
  const found = [...new Map(all.map((hit) => [`${hit.word}|${hit.context}`, hit])).values()];
  if (found.length > 0) {
    throw new Error(
      `English on a Spanish screen (${page.url()}):\n` +
        found.map(({ word, context }) => `  "${word}" in: ${context}`).join('\n'),
    );
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core's rules (WCAG 2.x A and AA, and its best practices) on the whole page as it is now,
 * and fails with a readable list when a violation of impact `serious` or `critical` appears
 * (colour contrast, a control without a name, a missing label…). `context` names the screen in the
 * failure ("officer · queue · es-phone").
 *
 * axe is injected through the DevTools protocol (`page.evaluate` of its source), which the page's
 * Content-Security-Policy (script-src 'self') does not apply to: no inline script is added.
 */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  await screenSettled(page);
  if (!(await page.evaluate(`typeof window.axe === 'object'`))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = (await page.evaluate(`(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  })()`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // A11Y_REPORT=1: the lesser (moderate, minor) problems too, printed, never failing.
  const lesser = violations.filter((v) => !serious.includes(v));
  if (process.env.A11Y_REPORT && lesser.length > 0)
    console.log(describeViolations(context, page.url(), lesser));
  if (serious.length > 0) throw new Error(describeViolations(context, page.url(), serious));
}

function describeViolations(context: string, url: string, violations: AxeViolation[]): string {
  const lines = [`Accessibility problems on ${context} (${url}):`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.html.slice(0, 200)}`);
      if (node.failureSummary)
        lines.push(`      ${node.failureSummary.replace(/\s*\n\s*/g, ' / ').slice(0, 300)}`);
    }
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/** Both checks on the screen as it is now: accessibility always, Spanish only when in Spanish. */
export async function checkScreen(
  page: Page,
  context: string,
  { lang, allowed = [] }: { lang: 'es' | 'en'; allowed?: string[] },
): Promise<void> {
  await expectNoSeriousA11yViolations(page, context);
  if (lang === 'es') await expectNoEnglishOnSpanishScreen(page, allowed);
}
