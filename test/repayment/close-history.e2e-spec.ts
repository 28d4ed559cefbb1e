import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, startRepaymentSystem, Tokens } from './repayment-api';

/**
 * GET /api/admin/closes: each close of business that ran, newest first, with what it did. Three
 * loans of PEN 6,000.00 over 12 months, the business date starting on 2026-01-15:
 * - "behind", paid out 2025-10-01: its first installment (due 2025-11-01) unpaid, 76 days past due at
 *   2026-01-16 (30 + 31 + 15): dudoso (61–120);
 * - "claimed", paid out 2025-09-18: first due 2025-10-18, 90 days past due at 2026-01-16
 *   (31 + 30 + 29): dudoso, and claimed (threshold 90);
 * - "current", paid out 2026-01-15: nothing due before 2026-02-15, never aged.
 */
describe('Close-of-business history', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;
  const loans: Record<'behind' | 'claimed' | 'current', string> = {
    behind: '',
    claimed: '',
    current: '',
  };

  const closes = (query = '', token = tokens.manager) =>
    system.http().get(`/api/admin/closes${query}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('closes', '2026-01-15'));
    api = new RepaymentApi(system, tokens);
    for (const [name, disbursedOn] of [
      ['behind', '2025-10-01'],
      ['claimed', '2025-09-18'],
      ['current', '2026-01-15'],
    ] as const) {
      loans[name] = (await disburseLoan(system, tokens.officer, { disbursedOn })).loanId;
    }
  });
  afterAll(() => system?.close());

  it('lists nothing before the first close', async () => {
    expect((await closes().expect(200)).body).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    });
  });

  it('after two closes: two rows, newest first, with what each close did', async () => {
    await api.closeTo('2026-01-16');
    await api.closeTo('2026-01-17');
    const { body } = await closes().expect(200);
    expect(body).toEqual({
      items: [
        // Both behind loans age again (77 and 91 days), no class changes (both still dudoso), and
        // the claimed loan stays open: 3 open loans.
        {
          businessDate: '2026-01-17',
          closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          durationMs: expect.any(Number),
          openLoans: 3,
          aged: 2,
          classChanges: 0,
          claimed: 0,
        },
        // Two loans aged, both from normal to dudoso, one claimed at 90 days.
        {
          businessDate: '2026-01-16',
          closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          durationMs: expect.any(Number),
          openLoans: 3,
          aged: 2,
          classChanges: 2,
          claimed: 1,
        },
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    });
    for (const item of body.items) {
      expect(Number.isInteger(item.durationMs) && item.durationMs >= 0).toBe(true);
    }
    expect(body.items[0].closedAt >= body.items[1].closedAt).toBe(true);
    // The loans say the same.
    expect(await api.loan(loans.behind)).toMatchObject({
      daysPastDue: 77,
      classification: 'dudoso',
      status: 'active',
    });
    expect(await api.loan(loans.claimed)).toMatchObject({
      daysPastDue: 91,
      classification: 'dudoso',
      status: 'claimed',
      claimedOn: '2026-01-16',
    });
    expect(await api.loan(loans.current)).toMatchObject({ daysPastDue: 0, status: 'active' });
  });

  it('a catch-up over several dates is one row per date; from, to and pages narrow the list', async () => {
    await api.closeTo('2026-01-20');
    const all = (await closes().expect(200)).body;
    expect(all.items.map((item: { businessDate: string }) => item.businessDate)).toEqual([
      '2026-01-20',
      '2026-01-19',
      '2026-01-18',
      '2026-01-17',
      '2026-01-16',
    ]);
    const dates = async (query: string) =>
      (await closes(query).expect(200)).body.items.map(
        (item: { businessDate: string }) => item.businessDate,
      );
    expect(await dates('?from=2026-01-18')).toEqual(['2026-01-20', '2026-01-19', '2026-01-18']);
    expect(await dates('?to=2026-01-17')).toEqual(['2026-01-17', '2026-01-16']);
    expect(await dates('?from=2026-01-17&to=2026-01-18')).toEqual(['2026-01-18', '2026-01-17']);
    const page = (await closes('?page=2&pageSize=2').expect(200)).body;
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((item: { businessDate: string }) => item.businessDate)).toEqual([
      '2026-01-18',
      '2026-01-17',
    ]);
    expect((await closes('?from=2026-01-18&pageSize=1').expect(200)).body.total).toBe(3);
  });

  it('the OpenAPI document describes the route and its answer', async () => {
    const { body } = await system.http().get('/api/docs-json').expect(200);
    const route = body.paths['/api/admin/closes'].get;
    expect(route.description).toMatch(/Roles: admin, fund_manager/);
    expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'from',
      'page',
      'pageSize',
      'to',
    ]);
    expect(route.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BusinessDayClosePageView',
    });
    const close = body.components.schemas.BusinessDayCloseView.properties;
    expect(close.durationMs).toMatchObject({ type: 'integer', nullable: true });
    expect(close.businessDate).toMatchObject({ type: 'string', format: 'date' });
  });

  it('is for admins and fund managers; a bad query is a 400', async () => {
    await closes('', tokens.admin).expect(200);
    await closes('', tokens.officer).expect(403);
    await system.http().get('/api/admin/closes').expect(401);
    for (const query of [
      '?from=2026-02-30',
      '?to=yesterday',
      '?pageSize=101',
      '?page=0',
      '?order=asc',
    ]) {
      const response = await closes(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
  });
});
