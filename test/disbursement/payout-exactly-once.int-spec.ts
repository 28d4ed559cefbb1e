import { DisburseApprovedApplicationService } from '../../apps/disbursement/src/disbursements/services/disburse-approved-application.service';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { FailurePoint, FailurePoints } from '../../apps/disbursement/src/shared/failure-points';
import { approvalEvent, businessDayClosed } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { publishEvents } from '../support/publish-event';
import { TestSystem } from '../support/test-system';

/**
 * A payout must happen once whatever crashes or repeats: the service stopped between each pair of
 * steps (reservation, ledger write, loan creation, event publication) and started again, the same
 * approval delivered twice, two approvals raced.
 */
describe('Disbursement: one loan per approval, whatever happens', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'disbursement'],
      label: 'exactly_once',
    });
    await publishEvents(system, [businessDayClosed('2026-05-31')]);
    const manager = await system.token('manager');
    await system
      .http()
      .post('/api/funds/guarantee/capital')
      .set('Authorization', `Bearer ${manager}`)
      .send({ amount: '200000.00', reference: 'BN-CRASH' })
      .expect(201);
    await system
      .http()
      .post('/api/funds/innovation/budget')
      .set('Authorization', `Bearer ${manager}`)
      .send({ amount: '50000.00', reference: 'MINAGRI-CRASH' })
      .expect(201);
    await eventually(async () => {
      const [row] = await system.query(`SELECT 1 FROM disbursement.business_calendar`);
      expect(row).toBeDefined();
    });
  });
  afterAll(() => system?.close());

  /** What the books hold for one application: a loan, a payout, an event — each exactly once. */
  async function booksFor(applicationId: string) {
    const [counts] = await system.query<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM disbursement.disbursement WHERE application_id = $1 AND status = 'disbursed') AS loans,
         (SELECT count(*) FROM disbursement.ledger_transaction WHERE key = 'payout:' || $1) AS payouts,
         (SELECT count(*) FROM disbursement.ledger_transaction WHERE key = 'grant-commitment:' || $1) AS grant_commitments,
         (SELECT count(*) FROM disbursement.outbox WHERE type = 'loan.disbursed' AND envelope->'payload'->>'applicationId' = $1::text) AS events`,
      [applicationId],
    );
    return counts;
  }

  async function assertBooksRight() {
    const [trial] = await system.query<{ debits: string; credits: string }>(
      'SELECT sum(debit) AS debits, sum(credit) AS credits FROM disbursement.ledger_entry',
    );
    expect(trial.debits).toBe(trial.credits);
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
  }

  const points: FailurePoint[] = [
    'after-reservation',
    'after-ledger-write',
    'after-loan-creation',
    'after-event-written',
  ];

  it.each(points)('pays out once when the service dies %s and starts again', async (point) => {
    system.app('disbursement').get(FailurePoints).arm(point, 1);
    const approval = approvalEvent({ grantRequested: '2000.00' });
    await publishEvents(system, [approval]);

    // The "crash": the flow stops at that line (its transaction rolls back, the event is not acked)…
    await eventually(async () =>
      expect(system.app('disbursement').get(FailurePoints)['armed'].get(point)).toBe(0),
    );
    // …and the process is gone: a new one starts and the approval is delivered to it again.
    await system.stopService('disbursement');
    await system.startService('disbursement');

    await eventually(async () =>
      expect(await booksFor(approval.payload.applicationId)).toEqual({
        loans: '1',
        payouts: '1',
        grant_commitments: '1',
        events: '1',
      }),
    );
    await assertBooksRight();
  });

  it('gives one loan when the same approval is delivered twice', async () => {
    const approval = approvalEvent();
    await publishEvents(system, [approval]);
    await publishEvents(system, [approval], (event) => `${event.id}-redelivered`);
    await eventually(async () =>
      expect(await booksFor(approval.payload.applicationId)).toMatchObject({
        loans: '1',
        payouts: '1',
        events: '1',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await booksFor(approval.payload.applicationId)).toMatchObject({
      loans: '1',
      payouts: '1',
      events: '1',
    });
  });

  it('gives one loan when two approvals of one application race', async () => {
    const first = approvalEvent();
    const second = approvalEvent({ applicationId: first.payload.applicationId });
    const disburse = system.app('disbursement').get(DisburseApprovedApplicationService);
    const outcomes = await Promise.allSettled([disburse.execute(first), disburse.execute(second)]);
    // The loser of the race may fail its first attempt (and be redelivered); it never pays twice.
    await Promise.allSettled(
      outcomes.map((o, i) =>
        o.status === 'rejected' ? disburse.execute([first, second][i]) : undefined,
      ),
    );
    expect(await booksFor(first.payload.applicationId)).toMatchObject({
      loans: '1',
      payouts: '1',
      events: '1',
    });
    await assertBooksRight();
  });
});
