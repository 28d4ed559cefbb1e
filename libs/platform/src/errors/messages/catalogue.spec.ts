import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARED_ERROR_CODES } from '../coded.exception';
import { en } from './en';
import { es } from './es';

/** Every `*.exception.ts` of the services and libs: loading them declares their codes. */
function exceptionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : exceptionFiles(path);
    return entry.name.endsWith('.exception.ts') ? [path] : [];
  });
}

const root = join(__dirname, '../../../../..');

function strings(node: unknown): string[] {
  return typeof node === 'string' ? [node] : Object.values(node as object).flatMap(strings);
}

describe('the error catalogue', () => {
  beforeAll(async () => {
    const files = [...exceptionFiles(join(root, 'apps')), ...exceptionFiles(join(root, 'libs'))];
    for (const file of files) await import(file);
  });

  it('has a message in Spanish and in English for every code a service declares', () => {
    expect(DECLARED_ERROR_CODES.size).toBeGreaterThan(30);
    const missing = [...DECLARED_ERROR_CODES].flatMap((code) =>
      [
        [es, 'es'],
        [en, 'en'],
      ].flatMap(([catalogue, language]) =>
        (catalogue as typeof es).errors[code as keyof typeof es.errors]
          ? []
          : [`${language}: ${code}`],
      ),
    );
    expect(missing).toEqual([]);
  });

  it('says nothing in English in its Spanish messages', () => {
    // Field names, header names and media types are the API's own words, not English prose.
    const english = /\b(the|must|is|not|and|of|with|be|at|or|only|cannot)\b/i;
    const prose = strings(es).map((text) =>
      text
        .replace(/\{\w+\}|\$t\([^)]*\)/g, '')
        .replace(/application\/json|Idempotency-Key|Authorization: Bearer/g, ''),
    );
    expect(prose.filter((text) => english.test(text))).toEqual([]);
  });
});
