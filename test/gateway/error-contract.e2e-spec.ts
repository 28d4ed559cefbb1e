import request from 'supertest';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

/** Words of English prose: none may appear in a Spanish answer (field names aside). */
const ENGLISH = /\b(the|must|is|not|and|of|with|be|at|or|only|cannot|should|exist)\b/i;

/**
 * Every kind of error answer has API.md's shape `{ statusCode, message, error, code }` with a stable
 * code, and its message in Spanish unless the request asks for English.
 */
describe('the error contract', () => {
  let system: TestSystem;
  let officer: string;
  let manager: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'errors' });
    [officer, manager] = await Promise.all([system.token('officer'), system.token('manager')]);
  });
  afterAll(() => system?.close());

  const as = (token: string, test: request.Test) => test.set('Authorization', `Bearer ${token}`);

  /**
   * The answer has exactly the contract's keys (and the fields a route adds, such as a refused
   * sign-in's `attemptsLeft`), and its message is Spanish.
   */
  function expectContractShape(
    response: request.Response,
    status: number,
    code: string,
    error: string,
    added: string[] = [],
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.body).sort()).toEqual(
      ['code', 'error', 'message', 'statusCode', ...added].sort(),
    );
    expect(response.body).toMatchObject({ statusCode: status, error, code });
    const messages = [response.body.message].flat() as string[];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(typeof message).toBe('string');
      // Field names (request.amount) and header names are the API's words, not English prose.
      const prose = message.replace(/[\w.]+\.\w+|Idempotency-Key|application\/json/g, '');
      expect(prose).not.toMatch(ENGLISH);
    }
  }

  const storedApplications = async () =>
    Number(
      (await system.query<{ n: string }>('SELECT count(*) AS n FROM applications.application'))[0]
        .n,
    );

  it('validation: 400 VALIDATION_FAILED, one message per field, Spanish by default', async () => {
    const before = await storedApplications();
    const body = applicationBody({
      enterprise: { documentId: '1234567', name: 'x'.repeat(121) },
      request: { termMonths: 'eighteen' },
    });
    const response = await as(officer, system.http().post('/api/applications').send(body));
    expectContractShape(response, 400, 'VALIDATION_FAILED', 'Bad Request');
    expect(response.body.message).toEqual([
      'enterprise.name debe tener como máximo 120 caracteres',
      'enterprise.documentId debe ser un DNI (8 dígitos) o un RUC (11 dígitos)',
      'request.termMonths debe ser un número entero',
    ]);
    expect(await storedApplications()).toBe(before);
  });

  it('validation: the same problems in English with Accept-Language: en', async () => {
    const body = applicationBody({
      enterprise: { documentId: '1234567', name: 'x'.repeat(121) },
      request: { termMonths: 'eighteen' },
    });
    const response = await as(officer, system.http().post('/api/applications'))
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .send(body)
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: [
        'enterprise.name must be at most 120 characters long',
        'enterprise.documentId must be a DNI (8 digits) or a RUC (11 digits)',
        'request.termMonths must be an integer',
      ],
    });
  });

  it('a language the API does not speak, or Spanish ranked first, gets Spanish', async () => {
    for (const header of ['fr-FR,fr;q=0.9', 'es-PE,es;q=0.9,en;q=0.8', 'en;q=0.5,es;q=0.8']) {
      const response = await system
        .http()
        .post('/api/auth/login')
        .set('Accept-Language', header)
        .send({ username: 'officer' })
        .expect(400);
      expect(response.body.message).toEqual(['password es obligatorio']);
    }
  });

  it("a service's refusal keeps its code and is said in the caller's language: 422 over the product limits", async () => {
    const before = await storedApplications();
    const body = applicationBody({
      enterprise: { documentId: newDocumentId() },
      request: { amount: '45000.00', termMonths: 48 },
    });
    const spanish = await as(officer, system.http().post('/api/applications').send(body));
    expectContractShape(spanish, 422, 'OUTSIDE_PRODUCT_LIMITS', 'Unprocessable Entity');
    // The product's limits (default 500.00–30000.00 and 3–36 months), as the service sent them.
    expect(spanish.body.message).toBe(
      'amount debe estar entre 500.00 y 30000.00; termMonths debe estar entre 3 y 36 meses',
    );
    const english = await as(officer, system.http().post('/api/applications'))
      .set('Accept-Language', 'en')
      .send(body)
      .expect(422);
    expect(english.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'OUTSIDE_PRODUCT_LIMITS',
      message: 'amount must be between 500.00 and 30000.00; termMonths must be between 3 and 36',
    });
    expect(await storedApplications()).toBe(before);
  });

  it("a service's 409 and 404, and the gateway's 401 and 403", async () => {
    const created = await as(
      officer,
      system
        .http()
        .post('/api/applications')
        .send(applicationBody({ enterprise: { documentId: newDocumentId() } })),
    ).expect(201);
    // Not scored yet (no scoring service here): not waiting for a decision.
    const conflict = await as(
      officer,
      system
        .http()
        .post(`/api/applications/${created.body.id}/decision`)
        .send({ decision: 'approve' }),
    );
    expectContractShape(conflict, 409, 'NOT_AWAITING_DECISION', 'Conflict');
    expect(conflict.body.message).toBe(
      `La solicitud ${created.body.reference} está «recibida»: no espera una decisión`,
    );

    const missing = await as(
      officer,
      system.http().get('/api/applications/3f1c2a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f'),
    );
    expectContractShape(missing, 404, 'APPLICATION_NOT_FOUND', 'Not Found');
    expect(missing.body.message).toBe(
      'No existe la solicitud 3f1c2a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f',
    );

    const noToken = await system.http().get('/api/applications');
    expectContractShape(noToken, 401, 'TOKEN_REQUIRED', 'Unauthorized');
    const badToken = await system
      .http()
      .get('/api/applications')
      .set('Authorization', 'Bearer not.a.token');
    expectContractShape(badToken, 401, 'TOKEN_INVALID', 'Unauthorized');
    const wrongPassword = await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'officer', password: 'wrong' });
    expectContractShape(wrongPassword, 401, 'BAD_CREDENTIALS', 'Unauthorized', ['attemptsLeft']);

    const forbidden = await as(
      manager,
      system.http().post('/api/applications').send(applicationBody()),
    );
    expectContractShape(forbidden, 403, 'ROLE_NOT_ALLOWED', 'Forbidden');
    expect(forbidden.body.message).toBe(
      'Esta acción no está permitida para el rol «gestor del fondo»',
    );
  });

  it('the JSON parser: malformed, empty, not UTF-8', async () => {
    // The last: {"ÿ"} in Latin-1, bytes that are not UTF-8.
    for (const raw of ['{"enterprise": ', '', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])]) {
      const response = await as(officer, system.http().post('/api/applications'))
        .set('Content-Type', 'application/json')
        .serialize((body) => body)
        .send(raw as unknown as string);
      expectContractShape(response, 400, 'MALFORMED_JSON', 'Bad Request');
      expect(response.body.message).toBe('El cuerpo de la solicitud no es JSON válido en UTF-8');
    }
  });

  it('a body too large: 413 BODY_TOO_LARGE (the limit is 128 KiB)', async () => {
    const body = applicationBody({ request: { purpose: 'p'.repeat(130 * 1024) } });
    const response = await as(officer, system.http().post('/api/applications').send(body));
    expectContractShape(response, 413, 'BODY_TOO_LARGE', 'Payload Too Large');
    expect(response.body.message).toBe('El cuerpo de la solicitud supera el máximo de 128 KiB');
    // Just under the limit, the parser reads it and validation answers.
    const under = applicationBody({ request: { purpose: 'p'.repeat(120 * 1024) } });
    const validated = await as(officer, system.http().post('/api/applications').send(under));
    expect(validated.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('a content type other than JSON: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const [type, body] of [
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'username=officer&password=officer-demo'],
      ['application/xml', '<login/>'],
    ]) {
      const response = await system
        .http()
        .post('/api/auth/login')
        .set('Content-Type', type)
        .send(body);
      expectContractShape(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type');
      expect(response.body.message).toContain(`«${type}»`);
    }
    // JSON with a charset is JSON.
    await system
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ username: 'officer', password: 'officer-demo' }))
      .expect(200);
  });

  it('an unknown route: 404 ROUTE_NOT_FOUND; a known route with another method: 405 with Allow', async () => {
    const unknown = await as(officer, system.http().get('/api/nothing-here'));
    expectContractShape(unknown, 404, 'ROUTE_NOT_FOUND', 'Not Found');
    expect(unknown.body.message).toBe('No existe la ruta GET /api/nothing-here');
    const english = await system.http().get('/api/nothing-here').set('Accept-Language', 'en');
    expect(english.body.message).toBe('Cannot GET /api/nothing-here: there is no such route');

    const wrongMethod = await as(officer, system.http().delete('/api/applications'));
    expectContractShape(wrongMethod, 405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed');
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, POST');
    const withId = await system
      .http()
      .put('/api/applications/3f1c2a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f');
    expect(withId.status).toBe(405);
    expect(withId.headers.allow).toBe('GET, HEAD');
  });

  it('an Idempotency-Key reused with another body: 422 IDEMPOTENCY_KEY_REUSED, said again in each language', async () => {
    const key = `errors-${newDocumentId()}`;
    const post = (body: object, language?: string) => {
      const test = as(officer, system.http().post('/api/applications')).set('Idempotency-Key', key);
      return (language ? test.set('Accept-Language', language) : test).send(body);
    };
    await post(applicationBody({ enterprise: { documentId: newDocumentId() } })).expect(201);
    const reused = await post(applicationBody({ enterprise: { documentId: newDocumentId() } }));
    expectContractShape(reused, 422, 'IDEMPOTENCY_KEY_REUSED', 'Unprocessable Entity');

    // A refusal kept under a key is said in the language of whoever asks again.
    const refusedKey = `${key}-refused`;
    const refused = applicationBody({ request: { amount: '99999.00' } });
    const first = await as(officer, system.http().post('/api/applications'))
      .set('Idempotency-Key', refusedKey)
      .send(refused)
      .expect(422);
    const again = await as(officer, system.http().post('/api/applications'))
      .set('Idempotency-Key', refusedKey)
      .set('Accept-Language', 'en')
      .send(refused)
      .expect(422);
    expect(first.body.message).toBe('amount debe estar entre 500.00 y 30000.00');
    expect(again.body).toMatchObject({
      code: 'OUTSIDE_PRODUCT_LIMITS',
      message: 'amount must be between 500.00 and 30000.00',
    });
  });

  it('a service that does not answer: 503 in the same shape', async () => {
    await system.stopService('applications');
    try {
      const response = await as(officer, system.http().get('/api/applications'));
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(response.body.code).toMatch(/^SERVICE_(TIMEOUT|UNREACHABLE)$/);
      expect(Object.keys(response.body).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    } finally {
      await system.startService('applications');
    }
  });
});
