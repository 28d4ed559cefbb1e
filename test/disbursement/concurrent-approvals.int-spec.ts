import { DisburseApprovedApplicationService } from '../../apps/disbursement/src/disbursements/services/disburse-approved-application.service';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { approvalEvent, businessDayClosed } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { publishEvents } from '../support/publish-event';
import { TestSystem } from '../support/test-system';

/**
 * 50 approvals at once, as several replicas of the service would handle them: all complete, none
 * waits on the fund row until the database gives up, and the fund is never over-committed.
 */
describe('Disbursement: 50 concurrent approvals against one guarantee fund', () => {
  let system: TestSystem;
  let manager: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'disbursement'], label: 'concurrent' });
    await publishEvents(system, [businessDayClosed('2026-06-01')]);
    manager = await system.token('manager');
    // Capital 5000.00, leverage limit 4 → at most 20000.00 of exposure.
    await system
      .http()
      .post('/api/funds/guarantee/capital')
      .set('Authorization', `Bearer ${manager}`)
      .send({ amount: '5000.00', reference: 'BN-5000' })
      .expect(201);
    await eventually(async () =>
      expect(await system.query('SELECT 1 FROM disbursement.business_calendar')).toHaveLength(1),
    );
  });
  afterAll(() => system?.close());

  const statuses = async () =>
    Object.fromEntries(
      (
        await system.query<{ status: string; n: string }>(
          'SELECT status, count(*) AS n FROM disbursement.disbursement GROUP BY status',
        )
      ).map((r) => [r.status, Number(r.n)]),
    );

  it('pays out exactly what the leverage limit allows, waitlists the rest, and loses none', async () => {
    // Each loan: 1000.00 × 0.70 = 700.00 of exposure. 28 × 700 = 19600.00 ≤ 20000.00 < 29 × 700 = 20300.00.
    const approvals = Array.from({ length: 50 }, () =>
      approvalEvent({ amount: '1000.00', termMonths: 6 }),
    );
    const disburse = system.app('disbursement').get(DisburseApprovedApplicationService);
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      approvals.map((approval) => disburse.execute(approval)),
    );
    const elapsed = Date.now() - started;
    console.log(`50 concurrent approvals completed in ${elapsed} ms`);

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(await statuses()).toEqual({ disbursed: 28, waitlisted: 22 });
    const funds = await system.app('disbursement').get(FundFiguresService).figures();
    // Fees: 28 × 1.5 % × 700.00 = 28 × 10.50 = 294.00; available 5000.00 + 294.00 = 5294.00.
    expect(funds.guarantee).toMatchObject({
      exposure: '19600.00',
      feesEarned: '294.00',
      availableCapital: '5294.00',
    });
    expect(Number(funds.guarantee.exposure)).toBeLessThanOrEqual(4 * 5000);
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
  });

  it('pays the waitlist out in approval order when capital is added', async () => {
    const queue = await system.query<{ application_id: string }>(
      `SELECT application_id FROM disbursement.disbursement WHERE status = 'waitlisted' ORDER BY queued_at`,
    );
    // +250.00 capital: limit 4 × 5544.00 = 22176.00; room for (22176.00 − 19600.00) / 700 = 3 more loans.
    const response = await system
      .http()
      .post('/api/funds/guarantee/capital')
      .set('Authorization', `Bearer ${manager}`)
      .send({ amount: '250.00', reference: 'BN-250' })
      .expect(201);
    expect(response.body.guarantee.exposure).toBe('21700.00');
    const paid = await system.query<{ application_id: string }>(
      `SELECT application_id FROM disbursement.disbursement WHERE application_id = ANY($1) AND status = 'disbursed'`,
      [queue.map((q) => q.application_id)],
    );
    expect(paid.map((p) => p.application_id).sort()).toEqual(
      queue
        .slice(0, 3)
        .map((q) => q.application_id)
        .sort(),
    );
    expect(await statuses()).toEqual({ disbursed: 31, waitlisted: 19 });
  });
});
