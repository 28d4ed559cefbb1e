import request from 'supertest';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

/**
 * API.md's 400 row, item by item, against the real gateway: each is refused with a 400 in the
 * contract's shape (never a 5xx), and nothing is stored.
 */
describe("hostile input gets API.md's 400, and changes nothing", () => {
  let system: TestSystem;
  let officer: string;
  let manager: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'hostile' });
    [officer, manager] = await Promise.all([system.token('officer'), system.token('manager')]);
  });
  afterAll(() => system?.close());

  const storedApplications = async () =>
    Number(
      (await system.query<{ n: string }>('SELECT count(*) AS n FROM applications.application'))[0]
        .n,
    );

  /** POSTs a raw JSON text as a new application and checks that nothing was stored. */
  async function postApplication(json: string): Promise<request.Response> {
    const before = await storedApplications();
    const response = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .set('Content-Type', 'application/json')
      .send(json);
    expect(await storedApplications()).toBe(before);
    return response;
  }

  const getAs = (token: string, path: string) =>
    system.http().get(path).set('Authorization', `Bearer ${token}`);

  const expect400 = (response: request.Response, code: string) => {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code });
  };

  describe('JSON nested deeper than 32 levels', () => {
    // `{"enterprise": {"name": {"a": … {} …}}}`: the body is level 1, enterprise 2, name 3…
    const nestedName = (depth: number) => {
      const body = applicationBody({ enterprise: { documentId: newDocumentId() } });
      const name = '{"a":'.repeat(depth - 3) + '{}' + '}'.repeat(depth - 3);
      return JSON.stringify(body).replace('"Familia Quispe Mamani"', name);
    };

    it('refuses 33 levels with JSON_TOO_DEEP', async () => {
      const response = await postApplication(nestedName(33));
      expect400(response, 'JSON_TOO_DEEP');
      expect(response.body.message).toBe('El JSON está anidado en más de 32 niveles');
    });

    it('reads 32 levels (and the name that is an object is a plain validation error)', async () => {
      const response = await postApplication(nestedName(32));
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual(['enterprise.name debe ser un texto']);
    });

    it('refuses 100,000 levels of arrays as quickly, without a 5xx', async () => {
      const response = await postApplication(`{"a":${'['.repeat(60_000)}${']'.repeat(60_000)}}`);
      expect400(response, 'JSON_TOO_DEEP');
    });
  });

  describe('strings with control characters', () => {
    const withName = (name: string) =>
      JSON.stringify(
        applicationBody({ enterprise: { documentId: newDocumentId(), name: 'Familia X' } }),
      ).replace('"Familia X"', name);

    it.each([
      ['NUL', '"Quispe\\u0000Mamani"'],
      ['BEL', '"Quispe\\u0007"'],
      ['ESC', '"\\u001b[31mQuispe"'],
      ['DEL', '"Quispe\\u007f"'],
      ['a C1 control', '"Quispe\\u0085"'],
      ['a lone surrogate', '"Quispe\\ud800"'],
    ])('refuses %s in a name', async (_, name) => {
      const response = await postApplication(withName(name));
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual(['enterprise.name contiene caracteres de control']);
    });

    it('refuses a tab or a line break in a one-line field', async () => {
      const response = await postApplication(withName('"Familia\\tQuispe\\nMamani"'));
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual([
        'enterprise.name debe ser una sola línea, sin tabuladores ni saltos de línea',
      ]);
    });

    it('accepts line breaks and tabs in free text (a purpose), and keeps them', async () => {
      const body = applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: { purpose: 'Milking machine\n\tand cooling tank' },
      });
      const response = await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${officer}`)
        .send(body)
        .expect(201);
      expect(response.body.request.purpose).toBe('Milking machine\n\tand cooling tank');
    });

    it('refuses a control character in a key, and in a query value', async () => {
      const response = await postApplication(
        JSON.stringify(applicationBody()).replace('"womenLed"', '"women\\u0000Led"'),
      );
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toContain(
        'enterprise.women\\u0000Led contiene caracteres de control',
      );
      const query = await getAs(officer, '/api/applications?municipality=Ocon%00gate');
      expect400(query, 'VALIDATION_FAILED');
      expect(query.body.message).toEqual(['municipality contiene caracteres de control']);
    });
  });

  describe('unknown query keys', () => {
    it.each(['foo', 'constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf'])(
      'refuses ?%s=1 on a list route',
      async (key) => {
        const response = await getAs(officer, `/api/applications?${key}=1`);
        expect400(response, 'VALIDATION_FAILED');
        expect(response.body.message).toEqual([
          key === 'foo'
            ? 'foo no es un campo permitido'
            : `${key} no es un nombre de campo permitido`,
        ]);
      },
    );

    it('refuses any query key on a route that takes no query', async () => {
      const response = await getAs(manager, '/api/funds?status=active&page=2');
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual([
        'status no es un campo permitido',
        'page no es un campo permitido',
      ]);
      const byId = await getAs(
        officer,
        '/api/applications/3f1c2a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f?constructor=1',
      );
      expect400(byId, 'VALIDATION_FAILED');
    });

    it('refuses a key given twice where one value is expected', async () => {
      const response = await getAs(officer, '/api/applications?status=approved&status=rejected');
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual([
        'status debe ser uno de estos valores: submitted, in_review, info_requested, awaiting_second_approval, approved, waitlisted, disbursed, rejected',
      ]);
    });
  });

  describe('__proto__ and other inherited keys in bodies', () => {
    it.each([
      ['at the top', '{"__proto__":{"role":"admin"},"username":"officer","password":"x"}'],
      ['nested', '{"username":"officer","password":"x","extra":{"__proto__":{"a":1}}}'],
      [
        'as constructor.prototype',
        '{"username":"officer","password":"x","constructor":{"prototype":{"a":1}}}',
      ],
    ])('refuses __proto__ %s', async (_, json) => {
      const response = await system
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(json);
      expect400(response, 'VALIDATION_FAILED');
      expect(JSON.stringify(response.body.message)).toMatch(/no es un nombre de campo permitido/);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('refuses hasOwnProperty in an application (class-validator would take it for a field)', async () => {
      const response = await postApplication(
        JSON.stringify(applicationBody()).replace('"womenLed"', '"hasOwnProperty":1,"womenLed"'),
      );
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual([
        'enterprise.hasOwnProperty no es un nombre de campo permitido',
      ]);
    });
  });

  describe('page outside 1–1,000,000', () => {
    it.each(['1e300', '-1', '1.5', '0', '1000001', '0x10', '1e3', 'NaN', 'Infinity', ''])(
      'refuses page=%s',
      async (page) => {
        const response = await getAs(officer, `/api/applications?page=${page}`);
        expect400(response, 'VALIDATION_FAILED');
        expect(response.body.message).toEqual(['page debe ser un número entero entre 1 y 1000000']);
      },
    );

    it('answers page=1000000 (an empty page) and refuses pageSize=101', async () => {
      const last = await getAs(officer, '/api/applications?page=1000000&pageSize=100').expect(200);
      expect(last.body).toMatchObject({ items: [], page: 1000000, pageSize: 100 });
      const tooBig = await getAs(officer, '/api/applications?pageSize=101');
      expect400(tooBig, 'VALIDATION_FAILED');
      expect(tooBig.body.message).toEqual(['pageSize debe ser un número entero entre 1 y 100']);
    });
  });

  describe('the wrong kind of JSON value', () => {
    it('refuses an array where an object is expected, and an object where a string is', async () => {
      const body = applicationBody();
      const response = await postApplication(
        JSON.stringify({
          ...body,
          enterprise: [body.enterprise],
          cashflow: { ...body.cashflow, monthlyRevenue: { amount: '3200.00' } },
        }),
      );
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual([
        'enterprise debe ser un objeto',
        'cashflow.monthlyRevenue debe ser un monto no negativo con hasta 2 decimales, escrito como texto, por ejemplo "1500.00"',
      ]);
    });

    it.each(['[]', '[{"enterprise":{}}]', '"an application"', '42', 'null', 'true'])(
      'refuses a top-level %s that is not an object',
      async (json) => {
        const response = await postApplication(json);
        expect400(response, 'BODY_NOT_AN_OBJECT');
        expect(response.body.message).toBe('El cuerpo de la solicitud debe ser un objeto JSON');
      },
    );
  });

  describe('capped error answers', () => {
    const sixtyThousand = new Array(60_000).fill(0);

    it('a 60,000-item array where an object goes: one short message', async () => {
      const body = { ...applicationBody(), enterprise: sixtyThousand };
      const json = JSON.stringify(body);
      expect(json.length).toBeGreaterThan(120_000);
      const response = await postApplication(json);
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toEqual(['enterprise tiene más de 1000 elementos']);
      expect(Buffer.byteLength(response.text)).toBeLessThan(300);
    });

    it('a 60,000-item array as the whole body: one short message', async () => {
      const response = await postApplication(JSON.stringify(sixtyThousand));
      expect400(response, 'BODY_NOT_AN_OBJECT');
      expect(Buffer.byteLength(response.text)).toBeLessThan(300);
    });

    it('1,000 bad items: at most 20 messages and a count of the rest, each short', async () => {
      const body = { ...applicationBody(), extras: new Array(1000).fill('\u0000') };
      const response = await postApplication(JSON.stringify(body));
      expect400(response, 'VALIDATION_FAILED');
      expect(response.body.message).toHaveLength(21);
      expect(response.body.message[0]).toBe('extras.0 contiene caracteres de control');
      expect(response.body.message[20]).toBe('… y 980 problemas más');
      expect(Buffer.byteLength(response.text)).toBeLessThan(2000);
    });

    it('a long unknown path is cut short in the message', async () => {
      const response = await getAs(officer, `/api/${'x'.repeat(5000)}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
      expect(response.body.message.length).toBeLessThan(220);
    });
  });
});
