import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

type Body = ReturnType<typeof applicationBody>;

/** Every field of the application body: bad input gets a clear 4xx, never a 5xx, and stores nothing. */
describe('POST /api/applications validation', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'validation' });
    officer = await system.token('officer');
  });
  afterAll(() => system?.close());

  const storedApplications = async () =>
    Number(
      (await system.query<{ n: string }>('SELECT count(*) AS n FROM applications.application'))[0]
        .n,
    );

  const cases: [string, (body: Body) => unknown, number, RegExp][] = [
    // enterprise
    ['a missing enterprise', ({ enterprise: _, ...rest }) => rest, 400, /enterprise/],
    ['an empty name', (b) => ({ ...b, enterprise: { ...b.enterprise, name: '' } }), 400, /name/],
    [
      'a name of blanks only',
      (b) => ({ ...b, enterprise: { ...b.enterprise, name: '    ' } }),
      400,
      /name/,
    ],
    [
      'a name of 121 characters',
      (b) => ({ ...b, enterprise: { ...b.enterprise, name: 'x'.repeat(121) } }),
      400,
      /name/,
    ],
    [
      'a name that is a number',
      (b) => ({ ...b, enterprise: { ...b.enterprise, name: 42 } }),
      400,
      /name/,
    ],
    [
      'a 7-digit document',
      (b) => ({ ...b, enterprise: { ...b.enterprise, documentId: '1234567' } }),
      400,
      /documentId/,
    ],
    [
      'a 9-digit document',
      (b) => ({ ...b, enterprise: { ...b.enterprise, documentId: '123456789' } }),
      400,
      /documentId/,
    ],
    [
      'a document with letters',
      (b) => ({ ...b, enterprise: { ...b.enterprise, documentId: '4587123A' } }),
      400,
      /documentId/,
    ],
    [
      'an empty municipality',
      (b) => ({ ...b, enterprise: { ...b.enterprise, municipality: '' } }),
      400,
      /municipality/,
    ],
    [
      'a municipality of 121 characters',
      (b) => ({ ...b, enterprise: { ...b.enterprise, municipality: 'm'.repeat(121) } }),
      400,
      /municipality/,
    ],
    [
      'an unknown value chain',
      (b) => ({ ...b, enterprise: { ...b.enterprise, valueChain: 'alpaca' } }),
      400,
      /valueChain/,
    ],
    [
      'womenLed as a string',
      (b) => ({ ...b, enterprise: { ...b.enterprise, womenLed: 'yes' } }),
      400,
      /womenLed/,
    ],
    [
      'associationMember missing',
      (b) => ({ ...b, enterprise: { ...b.enterprise, associationMember: undefined } }),
      400,
      /associationMember/,
    ],
    [
      'negative years in the activity',
      (b) => ({ ...b, enterprise: { ...b.enterprise, yearsInActivity: -1 } }),
      400,
      /yearsInActivity/,
    ],
    [
      'fractional years in the activity',
      (b) => ({ ...b, enterprise: { ...b.enterprise, yearsInActivity: 2.5 } }),
      400,
      /yearsInActivity/,
    ],
    [
      'an unknown enterprise field',
      (b) => ({ ...b, enterprise: { ...b.enterprise, phone: '984000111' } }),
      400,
      /phone/,
    ],
    // request
    [
      'an amount as a number',
      (b) => ({ ...b, request: { ...b.request, amount: 6000 } }),
      400,
      /amount/,
    ],
    [
      'an amount with 3 decimals',
      (b) => ({ ...b, request: { ...b.request, amount: '6000.001' } }),
      400,
      /amount/,
    ],
    [
      'a negative amount',
      (b) => ({ ...b, request: { ...b.request, amount: '-6000.00' } }),
      400,
      /amount/,
    ],
    [
      'an amount in exponent form',
      (b) => ({ ...b, request: { ...b.request, amount: '6e3' } }),
      400,
      /amount/,
    ],
    [
      'an amount below the product minimum',
      (b) => ({ ...b, request: { ...b.request, amount: '499.99' } }),
      422,
      /amount debe estar entre 500.00 y 30000.00/,
    ],
    [
      'an amount above the product maximum',
      (b) => ({ ...b, request: { ...b.request, amount: '30000.01' } }),
      422,
      /amount/,
    ],
    [
      'a term of 2 months',
      (b) => ({ ...b, request: { ...b.request, termMonths: 2 } }),
      422,
      /termMonths debe estar entre 3 y 36 meses/,
    ],
    [
      'a term of 37 months',
      (b) => ({ ...b, request: { ...b.request, termMonths: 37 } }),
      422,
      /termMonths/,
    ],
    [
      'a fractional term',
      (b) => ({ ...b, request: { ...b.request, termMonths: 12.5 } }),
      400,
      /termMonths/,
    ],
    [
      'a term as a string',
      (b) => ({ ...b, request: { ...b.request, termMonths: '12' } }),
      400,
      /termMonths/,
    ],
    [
      '7 months of grace',
      (b) => ({ ...b, request: { ...b.request, graceMonths: 7 } }),
      422,
      /graceMonths/,
    ],
    [
      'grace as long as the term',
      (b) => ({ ...b, request: { ...b.request, termMonths: 4, graceMonths: 4 } }),
      422,
      /graceMonths/,
    ],
    [
      'negative grace',
      (b) => ({ ...b, request: { ...b.request, graceMonths: -1 } }),
      400,
      /graceMonths/,
    ],
    [
      'an empty purpose',
      (b) => ({ ...b, request: { ...b.request, purpose: ' ' } }),
      400,
      /purpose/,
    ],
    [
      'a purpose of 2,001 characters',
      (b) => ({ ...b, request: { ...b.request, purpose: 'p'.repeat(2001) } }),
      400,
      /purpose/,
    ],
    [
      'a collateral value as a number',
      (b) => ({ ...b, request: { ...b.request, collateralValue: 0 } }),
      400,
      /collateralValue/,
    ],
    [
      'an empty innovation description',
      (b) => ({
        ...b,
        request: { ...b.request, innovation: { ...b.request.innovation, description: '' } },
      }),
      400,
      /description/,
    ],
    [
      'an innovation description of 2,001 characters',
      (b) => ({
        ...b,
        request: {
          ...b.request,
          innovation: { ...b.request.innovation, description: 'd'.repeat(2001) },
        },
      }),
      400,
      /description/,
    ],
    [
      'an innovation cost that is not money',
      (b) => ({
        ...b,
        request: { ...b.request, innovation: { ...b.request.innovation, cost: 'a lot' } },
      }),
      400,
      /cost/,
    ],
    [
      'a grant above 40 % of the cost',
      (b) => ({
        ...b,
        request: {
          ...b.request,
          innovation: { ...b.request.innovation, grantRequested: '3000.01' },
        },
      }),
      422,
      /grantRequested puede ser como máximo 3000.00/,
    ],
    [
      'a grant above PEN 5,000',
      (b) => ({
        ...b,
        request: {
          ...b.request,
          innovation: {
            description: 'Cheese press and cold room',
            cost: '20000.00',
            grantRequested: '5000.01',
          },
        },
      }),
      422,
      /como máximo 5000.00/,
    ],
    [
      'an unknown innovation field',
      (b) => ({
        ...b,
        request: { ...b.request, innovation: { ...b.request.innovation, supplier: 'X' } },
      }),
      400,
      /supplier/,
    ],
    [
      'an unknown request field',
      (b) => ({ ...b, request: { ...b.request, currency: 'USD' } }),
      400,
      /currency/,
    ],
    // cashflow
    [
      'a missing monthly revenue',
      (b) => ({ ...b, cashflow: { ...b.cashflow, monthlyRevenue: undefined } }),
      400,
      /monthlyRevenue/,
    ],
    [
      'negative costs',
      (b) => ({ ...b, cashflow: { ...b.cashflow, monthlyCosts: '-1.00' } }),
      400,
      /monthlyCosts/,
    ],
    [
      'household expenses as a number',
      (b) => ({ ...b, cashflow: { ...b.cashflow, householdExpenses: 700 } }),
      400,
      /householdExpenses/,
    ],
    [
      'other debt payments with a comma',
      (b) => ({ ...b, cashflow: { ...b.cashflow, otherDebtPayments: '1,00' } }),
      400,
      /otherDebtPayments/,
    ],
    // the body itself
    ['an unknown top-level field', (b) => ({ ...b, approved: true }), 400, /approved/],
    ['an array instead of an object', () => [1, 2, 3], 400, /./],
    [
      'an enterprise that is a string',
      (b) => ({ ...b, enterprise: 'Familia Quispe' }),
      400,
      /enterprise/,
    ],
  ];

  it.each(cases)('refuses %s', async (_, mutate, status, message) => {
    const before = await storedApplications();
    const body = mutate(applicationBody({ enterprise: { documentId: newDocumentId() } }));
    const response = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .send(body as object);
    expect(response.status).toBe(status);
    expect(response.body.statusCode).toBe(status);
    expect(JSON.stringify(response.body.message)).toMatch(message);
    expect(await storedApplications()).toBe(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .set('Content-Type', 'application/json')
      .send('{"enterprise": ');
    expect(response.status).toBe(400);
  });

  it('trims text fields and accepts a RUC, a whole-soles amount and no innovation', async () => {
    const body = applicationBody({
      enterprise: {
        documentId: '20601234567',
        name: '  Quesos Andahuaylillas SAC  ',
        municipality: ' Andahuaylillas ',
      },
      request: { amount: '8000', innovation: undefined, collateralValue: undefined },
    });
    const response = await system
      .http()
      .post('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .send(body)
      .expect(201);
    expect(response.body.enterprise).toMatchObject({
      name: 'Quesos Andahuaylillas SAC',
      municipality: 'Andahuaylillas',
      documentId: '20601234567',
    });
    expect(response.body.request).toMatchObject({
      amount: '8000.00',
      collateralValue: '0.00',
      innovation: null,
    });
  });

  it('refuses a path id that is not a UUID with 400, and an unknown one with 404', async () => {
    await system
      .http()
      .get('/api/applications/not-a-uuid')
      .set('Authorization', `Bearer ${officer}`)
      .expect(400);
    const missing = await system
      .http()
      .get('/api/applications/3f1c2a9e-8b7d-4c6e-9f10-1a2b3c4d5e6f')
      .set('Authorization', `Bearer ${officer}`)
      .expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
