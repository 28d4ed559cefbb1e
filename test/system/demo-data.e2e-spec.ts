import { SERVICE_NAMES } from '@qollqa/config';
import { AddressInfo } from 'node:net';
import { seedDemoData } from '../../scripts/demo/seed-demo';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { TestSystem } from '../support/test-system';

/** `npm start`'s demo: true to life (every state, loans current, late, claimed, repaid), and loaded once. */
describe('Demo data', () => {
  let system: TestSystem;
  let baseUrl: string;
  const today = '2026-11-20';

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-07-13'; // about four months back, as npm start does
    system = await TestSystem.start({
      services: [...SERVICE_NAMES],
      label: 'demo',
    });
    await system.app('gateway').listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(system.app('gateway').getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => system?.close());

  const counts = async () => {
    await system.settle();
    const [row] = await system.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM applications.application) AS applications,
             (SELECT count(*) FROM repayment.loan) AS loans,
             (SELECT count(*) FROM repayment.repayment) AS repayments,
             (SELECT count(*) FROM repayment.reprogramming) AS reprogrammings,
             (SELECT count(*) FROM disbursement.ledger_transaction) AS ledger_transactions`);
    return row;
  };

  it('loads a programme with applications in every state and loans in every condition', async () => {
    await seedDemoData(baseUrl, today);
    const statuses = (
      await system.query<{ status: string }>('SELECT DISTINCT status FROM applications.application')
    ).map((r) => r.status);
    expect(statuses).toEqual(
      expect.arrayContaining([
        'in_review',
        'info_requested',
        'rejected',
        'awaiting_second_approval',
        'disbursed',
      ]),
    );
    const loans = await system.query<{ status: string; late: boolean }>(
      'SELECT status, days_past_due > 0 AS late FROM repayment.loan',
    );
    expect(loans.some((l) => l.status === 'active' && !l.late)).toBe(true); // current
    expect(loans.some((l) => l.status === 'active' && l.late)).toBe(true); // late
    expect(loans.some((l) => l.status === 'claimed')).toBe(true);
    expect(loans.some((l) => l.status === 'repaid')).toBe(true);
    // A frost in Ccatca during the season: its loans then at most 30 days late were reprogrammed.
    const [frost] = await system.query<{ reprogrammed: number; elsewhere: number }>(
      `SELECT count(*) FILTER (WHERE municipality = 'Ccatca')::int AS reprogrammed,
              count(*) FILTER (WHERE municipality <> 'Ccatca')::int AS elsewhere
       FROM repayment.loan WHERE reprogrammings > 0`,
    );
    expect(frost.reprogrammed).toBeGreaterThan(0);
    expect(frost.elsewhere).toBe(0);
    const [emergency] = await system.query<{ name: string; status: string }>(
      'SELECT name, status FROM repayment.emergency',
    );
    expect(emergency).toEqual({ name: 'Heladas en Ccatca', status: 'completed' });
    const [{ business_date }] = await system.query<{ business_date: string }>(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date FROM repayment.business_date`,
    );
    expect(business_date).toBe(today);
  }, 240_000);

  it('adds nothing when started again', async () => {
    const before = await counts();
    await seedDemoData(baseUrl, today);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('reconciles: every derived figure agrees with the loans and the ledger, nothing dead-lettered', async () => {
    await system.settle();
    expect(await reconcile(system.databaseUrl)).toEqual([]);
    expect(await system.deadLetters()).toBe(0);
  });
});
