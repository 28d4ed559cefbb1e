import { HttpException } from '@nestjs/common';
import { MAX_JSON_DEPTH, parseStrictJson } from './strict-json';

/** The code and problems a refused body gets. */
function refusal(body: string | Buffer) {
  try {
    parseStrictJson(body);
  } catch (error) {
    const response = (error as HttpException).getResponse() as {
      code: string;
      details: { key: string; params: { field?: string; count?: number } }[];
    };
    return {
      status: (error as HttpException).getStatus(),
      code: response.code,
      problems: response.details.map((d) => `${d.params.field ?? d.params.count}: ${d.key}`),
    };
  }
  throw new Error('the body was accepted');
}

const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

describe('the strict JSON body parser', () => {
  it('accepts an object 32 levels deep and refuses one 33 levels deep', () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(() => parseStrictJson(nested(32))).not.toThrow();
    expect(refusal(nested(33))).toMatchObject({ status: 400, code: 'JSON_TOO_DEEP' });
    // Arrays count as levels too, and a depth of 100,000 does not overflow anything.
    expect(refusal(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`).code).toBe(
      'JSON_TOO_DEEP',
    );
  });

  it.each(['"text"', '42', 'null', 'true', '[1,2,3]', '[]'])(
    'refuses a top level that is not an object: %s',
    (body) => {
      expect(refusal(body)).toMatchObject({ status: 400, code: 'BODY_NOT_AN_OBJECT' });
    },
  );

  it.each(['', '{"a":', "{'a':1}", '{"a":1,}', '\uFEFF{"a":1}'])(
    'refuses malformed JSON: %j',
    (body) => {
      expect(refusal(body)).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    },
  );

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xf1, 0x22, 0x7d]); // {"a":"ñ"} in Latin-1
    expect(refusal(latin1).code).toBe('MALFORMED_JSON');
    expect(parseStrictJson(Buffer.from('{"a":"ñandú"}'))).toEqual({ a: 'ñandú' });
  });

  it('refuses inherited keys anywhere, naming where they are', () => {
    expect(refusal('{"__proto__":{"admin":true}}')).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      problems: ['__proto__: validation.forbiddenKey'],
    });
    expect(refusal('{"enterprise":{"constructor":{"prototype":{}}}}').problems).toEqual([
      'enterprise.constructor: validation.forbiddenKey',
    ]);
    expect(refusal('{"items":[{"toString":1}]}').problems).toEqual([
      'items.0.toString: validation.forbiddenKey',
    ]);
  });

  it('refuses control characters in values and keys, but not tabs and line breaks', () => {
    expect(parseStrictJson('{"note":"line one\\nline two\\r\\n\\tindented"}')).toBeDefined();
    for (const character of ['\\u0000', '\\u0007', '\\u001b', '\\u007f', '\\u0085', '\\ud800']) {
      expect(refusal(`{"enterprise":{"name":"Quispe${character}"}}`).problems).toEqual([
        'enterprise.name: validation.controlCharacters',
      ]);
    }
    expect(refusal('{"na\\u0000me":"x"}').problems).toEqual([
      'na\u0000me: validation.controlCharacters',
    ]);
    // A real emoji (a surrogate pair) is text.
    expect(parseStrictJson('{"name":"Familia Quispe \\ud83d\\udc04"}')).toBeDefined();
  });

  it('refuses a list of more than 1,000 items, or an object of more than 100 keys, as one problem', () => {
    expect(refusal(JSON.stringify({ items: new Array(60_000).fill(0) })).problems).toEqual([
      'items: validation.tooManyItems',
    ]);
    expect(() => parseStrictJson(JSON.stringify({ items: new Array(1000).fill(0) }))).not.toThrow();
    const keys = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]));
    expect(refusal(JSON.stringify({ a: keys(101) })).problems).toEqual([
      'a: validation.tooManyKeys',
    ]);
    expect(refusal(JSON.stringify(keys(20_000))).problems).toEqual([
      ': validation.tooManyKeysInBody',
    ]);
    expect(() => parseStrictJson(JSON.stringify(keys(100)))).not.toThrow();
  });

  it('names at most 20 problems and counts the rest', () => {
    const body = JSON.stringify({ items: new Array(1000).fill('\u0000') });
    const { problems } = refusal(body);
    expect(problems).toHaveLength(21);
    expect(problems[0]).toBe('items.0: validation.controlCharacters');
    expect(problems[20]).toBe('980: validation.more');
  });
});
