import { APPLICATION_CSV_COLUMNS } from '../../apps/gateway/src/applications/application-csv-columns';
import { fieldPaths } from '../../apps/gateway/src/exports/flatten';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { parseCsv } from '../support/csv';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

// 53 applications: more than one batch of 50 that the gateway reads; `pageSize=1` shows no paging.
const MORE = 50;

/**
 * Search and CSV of applications, and what the loans learn from them (DNI/RUC, the officer who
 * registered the application), through the public API with the applications, credit-scoring,
 * disbursement and repayment services running. Families:
 *   "Familia Quíspe Huamán"        DNI 45871236     Ocongate  registered by officer,  paid out
 *   `Familia "La Unión", Ccatca`   RUC 20123456789  Ccatca    registered by officer2, paid out
 *   "Asociación Ñawpa Pacha"       a DNI            Anta      registered by officer,  in review
 *   50 × "Familia Condori n"                                  registered by officer,  submitted
 * Both loans are API.md's example: PEN 6,000.00 at TEA 18 % over 18 months, paid out on the business
 * date 2026-01-15, first installment 379.03 due 2026-02-15.
 */
describe('Applications: search and CSV; loans carry the DNI/RUC and the registering officer', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let officer2: string;
  const apps: Record<'quispe' | 'union' | 'nawpa', { id: string; reference: string; pin: string }> =
    {} as never;
  const loanIds: Record<'quispe' | 'union', string> = {} as never;

  const get = (path: string, token = staff.tokens.officer) =>
    system.http().get(path).set('Authorization', `Bearer ${token}`);
  const register = async (body: object, token = staff.tokens.officer) =>
    (
      await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(201)
    ).body;
  const payOut = async (id: string) => {
    await eventually(async () =>
      expect((await get(`/api/applications/${id}`).expect(200)).body.status).toBe('in_review'),
    );
    await staff.approve(id);
    const { loanId } = await staff.waitForStatus(id, 'disbursed');
    await eventually(async () => expect((await get(`/api/loans/${loanId}`)).status).toBe(200));
    return loanId as string;
  };

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement', 'repayment'],
      label: 'search_exports',
    });
    staff = await StaffClient.signIn(system);
    officer2 = await system.token('officer2');
    await staff.addGuaranteeCapital('100000.00', 'BN-SEARCH');
    await staff.addInnovationBudget('10000.00', 'MINAGRI-SEARCH');

    apps.quispe = await register(
      applicationBody({ enterprise: { name: 'Familia Quíspe Huamán', documentId: '45871236' } }),
    );
    apps.union = await register(
      applicationBody({
        enterprise: {
          name: 'Familia "La Unión", Ccatca',
          documentId: '20123456789',
          municipality: 'Ccatca',
        },
      }),
      officer2,
    );
    apps.nawpa = await register(
      applicationBody({
        enterprise: {
          name: 'Asociación Ñawpa Pacha',
          documentId: newDocumentId(),
          municipality: 'Anta',
        },
        request: { innovation: undefined },
      }),
    );
    // One after the other: each registration hashes a PIN, and the suite's RPC timeout is 3 s.
    for (let n = 0; n < MORE; n++) {
      await register(
        applicationBody({
          enterprise: { name: `Familia Condori ${n}`, documentId: newDocumentId() },
          request: { amount: '1500.00', innovation: undefined },
        }),
      );
    }
    loanIds.quispe = await payOut(apps.quispe.id);
    loanIds.union = await payOut(apps.union.id);
    await eventually(async () =>
      expect((await get(`/api/applications/${apps.nawpa.id}`)).body.status).toBe('in_review'),
    );
  }, 180_000);
  afterAll(() => system?.close());

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
  const search = async (path: string, q: string) =>
    (await get(`${path}?q=${encodeURIComponent(q)}`).expect(200)).body;

  it('finds an application by part of its name, case and accents ignored', async () => {
    for (const q of ['quispe', 'QUISPE', 'quíspe huam']) {
      expect(ids(await search('/api/applications', q))).toEqual([apps.quispe.id]);
    }
    expect(ids(await search('/api/applications', 'la union'))).toEqual([apps.union.id]);
    expect(ids(await search('/api/applications', 'nawpa'))).toEqual([apps.nawpa.id]);
    expect(ids(await search('/api/applications', 'asociacion'))).toEqual([apps.nawpa.id]);
    expect((await search('/api/applications', 'condori')).total).toBe(MORE);
  });

  it('finds an application by its reference (any case) and by DNI or RUC', async () => {
    expect(ids(await search('/api/applications', apps.union.reference.toLowerCase()))).toEqual([
      apps.union.id,
    ]);
    expect(ids(await search('/api/applications', '45871236'))).toEqual([apps.quispe.id]);
    expect(ids(await search('/api/applications', '20123456789'))).toEqual([apps.union.id]);
    const filtered = (await get('/api/applications?q=quispe&status=in_review').expect(200)).body;
    expect(filtered.total).toBe(0); // it is disbursed
  });

  it('finds the loans the same ways: name, reference, and the DNI/RUC carried from the approval', async () => {
    expect(ids(await search('/api/loans', 'QUISPE'))).toEqual([loanIds.quispe]);
    expect(ids(await search('/api/loans', 'unión'))).toEqual([loanIds.union]);
    expect(ids(await search('/api/loans', apps.quispe.reference.toLowerCase()))).toEqual([
      loanIds.quispe,
    ]);
    expect(ids(await search('/api/loans', '45871236'))).toEqual([loanIds.quispe]);
    expect(ids(await search('/api/loans', '20123456789'))).toEqual([loanIds.union]);
  });

  it('exports every application as CSV whatever the page asked, with the JSON fields as columns', async () => {
    const response = await get('/api/applications?pageSize=1&page=3')
      .set('Accept', 'text/csv')
      .expect(200)
      .expect('Content-Type', 'text/csv; charset=utf-8')
      .expect('Content-Disposition', 'attachment; filename="applications.csv"');
    const { header, rows } = parseCsv(response.text);
    // Every field of a list item that has a score, a decision and an innovation (the list leaves
    // the timeline out: it is always empty there).
    const [item] = (await search('/api/applications', apps.quispe.reference)).items;
    expect(item.score).not.toBeNull();
    expect(item.decision).not.toBeNull();
    // (the score is stored as jsonb, which keeps its keys in an order of its own: compare as sets)
    expect([...header].sort()).toEqual(
      fieldPaths(item)
        .filter((path) => path !== 'timeline')
        .sort(),
    );
    expect(header).toEqual([...APPLICATION_CSV_COLUMNS]);

    expect(rows).toHaveLength(MORE + 3);
    expect(new Set(rows.map((row) => row.id)).size).toBe(MORE + 3);
    // Oldest first, as the list.
    expect(rows.slice(0, 3).map((row) => row.id)).toEqual([
      apps.quispe.id,
      apps.union.id,
      apps.nawpa.id,
    ]);

    expect(response.text).toContain('"Familia ""La Unión"", Ccatca"');
    expect(rows[1]).toMatchObject({
      reference: apps.union.reference,
      status: 'disbursed',
      'enterprise.name': 'Familia "La Unión", Ccatca',
      'enterprise.documentId': '20123456789',
      'enterprise.womenLed': 'true',
      'request.amount': '6000.00',
      'request.innovation.grantRequested': '3000.00',
      'cashflow.otherDebtPayments': '0.00',
      'score.value': '80',
      'score.installment': '379.03',
      'score.reasons': 'CAPACITY; NO_HISTORY',
      'decision.decision': 'approve',
      'decision.amount': '6000.00',
      loanId: loanIds.union,
    });
    expect(rows[2]).toMatchObject({
      'request.innovation.description': '',
      'decision.decision': '',
      loanId: '',
    });
  });

  it('exports only what the search selects, for the roles of the JSON route', async () => {
    const csv = (query: string, token = staff.tokens.officer) =>
      get(`/api/applications${query}`, token).set('Accept', 'text/csv');
    const { rows } = parseCsv((await csv('?q=condori%201').expect(200)).text);
    // 1, 10–19
    expect(rows).toHaveLength(11);
    await csv('', staff.tokens.manager).expect(200);
    await csv('', staff.tokens.admin).expect(403);
    const family = (
      await system
        .http()
        .post('/api/auth/enterprise')
        .send({ reference: apps.quispe.reference, pin: apps.quispe.pin })
        .expect(200)
    ).body.accessToken;
    await csv('', family).expect(403);
    await get('/api/collections', family).expect(403);
  });

  it("puts each loan on its officer's collection sheet", async () => {
    const sheet = async (query: string) => (await get(`/api/collections${query}`).expect(200)).body;
    // Nothing is due on the business date; on 02-15 each loan owes its first installment, 379.03
    // (API.md's example: 6000 · i / (1 − (1 + i)^−18), i = 1.18^(1/12) − 1).
    expect(await sheet('')).toEqual({ date: '2026-01-15', items: [], total: 0, amountDue: '0.00' });
    const all = await sheet('?date=2026-02-15');
    expect(all).toMatchObject({ date: '2026-02-15', total: 2, amountDue: '758.06' });
    // Ccatca before Ocongate
    expect(all.items.map((i: { loanId: string }) => i.loanId)).toEqual([
      loanIds.union,
      loanIds.quispe,
    ]);
    const mine = await sheet('?date=2026-02-15&officer=officer2');
    expect(mine).toEqual({
      date: '2026-02-15',
      items: [
        {
          loanId: loanIds.union,
          reference: apps.union.reference,
          enterprise: { name: 'Familia "La Unión", Ccatca', municipality: 'Ccatca' },
          dueDate: '2026-02-15',
          amountDue: '379.03',
          daysPastDue: 0,
        },
      ],
      total: 1,
      amountDue: '379.03',
    });
    const officers = await sheet('?date=2026-02-15&officer=officer');
    expect(officers.items.map((i: { loanId: string }) => i.loanId)).toEqual([loanIds.quispe]);
  });
});
