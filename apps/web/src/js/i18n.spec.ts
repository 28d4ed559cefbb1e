import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The web UI's dictionaries: an ES module of the static UI (no type declarations), which jest
// compiles like any source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dictionaries } = require('./i18n.js') as { dictionaries: { es: Tree; en: Tree } };

type Tree = { [key: string]: string | Tree };

/** Every dotted key of a dictionary that leads to a string. */
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key
    .split('.')
    .reduce<string | Tree | undefined>(
      (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
      tree,
    );
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

// The screens' code (the dictionaries' own file only explains t() in its comments).
const code = sources(__dirname)
  .filter((file) => !file.endsWith('i18n.js'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const { es, en } = dictionaries;

describe('The web UI speaks Spanish and English with the same words', () => {
  it('has every sentence in both languages', () => {
    expect(leaves(en).sort()).toEqual(leaves(es).sort());
  });

  it('has words for every key a screen asks for', () => {
    // t('a.b'), tOr('a.b', …), has('a.b') with a literal key.
    const literal = [...code.matchAll(/\b(?:t|tOr|has)\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]);
    const missing = literal.filter(
      (key) => typeof lookup(es, key) !== 'string' || typeof lookup(en, key) !== 'string',
    );
    expect(missing).toEqual([]);
    // t(`roles.${role}`): the group before the placeholder must exist in both.
    const groups = [...code.matchAll(/\b(?:t|tOr|has)\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)].map(
      (m) => m[1],
    );
    const missingGroups = groups.filter(
      (group) => typeof lookup(es, group) !== 'object' || typeof lookup(en, group) !== 'object',
    );
    expect(missingGroups).toEqual([]);
  });

  it('has a sentence for every audited action in both languages', () => {
    const actions = [...code.matchAll(/'((?:POST|PATCH) \/api\/[^']+)'/g)].map((m) => m[1]);
    expect(actions.length).toBeGreaterThan(10);
    const missing = actions.filter((action) =>
      [es, en].some(
        (dict) =>
          typeof lookup(dict, `audit.actions.${action.replace(' /api/', ' ')}`) !== 'string',
      ),
    );
    expect(missing).toEqual([]);
  });
});

describe('t(): a sentence in the chosen language', () => {
  // setLang marks the page's language; this is all of the DOM it touches.
  (globalThis as { document?: unknown }).document = { documentElement: {} };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const i18n = require('./i18n.js') as {
    setLang: (lang: string) => void;
    getLocale: () => string;
    t: (key: string, params?: Record<string, unknown>) => string;
    tOr: (key: string, fallback: string) => string;
  };
  afterEach(() => i18n.setLang('es'));

  it('fills in the named values and follows the language switch', () => {
    const key = leaves(es).find((k) => /\{\w+\}/.test(lookup(es, k) as string))!;
    const [placeholder] = /\{\w+\}/.exec(lookup(es, key) as string)!;
    const params = { [placeholder.slice(1, -1)]: 'Ocongate' };
    i18n.setLang('es');
    expect(i18n.t(key, params)).toContain('Ocongate');
    expect(i18n.t(key, params)).not.toContain(placeholder);
    expect(i18n.getLocale()).toBe('es-PE');
    i18n.setLang('en');
    expect(i18n.t(key, params)).toBe(
      (lookup(en, key) as string).replace(/\{(\w+)\}/g, (_m, name: string) =>
        name in params ? params[name] : `{${name}}`,
      ),
    );
    expect(i18n.getLocale()).toBe('en-GB');
  });

  it('shows a value from the API as it came when there are no words for it', () => {
    expect(i18n.tOr('status.not_a_status', 'not_a_status')).toBe('not_a_status');
    expect(i18n.t('status.not_a_status')).toBe('status.not_a_status');
    i18n.setLang('fr');
    expect(i18n.getLocale()).toBe('es-PE'); // any other language is Spanish
  });
});
