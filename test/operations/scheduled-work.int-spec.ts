import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runAlone } from '@qollqa/persistence';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { DisburseApprovedApplicationService } from '../../apps/disbursement/src/disbursements/services/disburse-approved-application.service';
import {
  WAITLIST_DRAIN,
  WaitlistService,
} from '../../apps/disbursement/src/disbursements/services/waitlist.service';
import { AddFundMoneyService } from '../../apps/disbursement/src/funds/services/add-fund-money.service';
import {
  FoldGuaranteeSummaryService,
  GUARANTEE_SUMMARY_FOLD,
} from '../../apps/disbursement/src/guarantee-analytics/services/fold-guarantee-summary.service';
import { addDays, todayInLima } from '../../apps/repayment/src/business-date/calendar';
import {
  CloseOfBusinessScheduler,
  SCHEDULED_CLOSE,
} from '../../apps/repayment/src/close-of-business/close-of-business.scheduler';
import { approvalEvent } from '../support/approval-factory';
import { eventually } from '../support/eventually';
import { TestSystem } from '../support/test-system';

/**
 * Another replica holding a piece of scheduled work, as it does while it runs it: the work named
 * `name` is claimed on that replica's database connection until `release()`.
 */
async function heldElsewhere(replica: NestFastifyApplication, name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let claimed!: () => void;
  const isClaimed = new Promise<void>((resolve) => (claimed = resolve));
  const run = runAlone(replica.get(DataSource), name, async () => {
    claimed();
    await released;
  });
  await Promise.race([isClaimed, run]);
  return {
    release: async () => {
      release();
      expect(await run).toEqual({ ran: true, result: undefined });
    },
  };
}

/** Whether a promise has settled yet, without waiting for it. */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => true), sleep(0, pending)])) !== pending;
}

// Scheduled work on two replicas of a service: each tick runs on one of them, and a drain asked for
// because capacity was freed is never lost to the drain another replica is finishing.
describe('Scheduled work across replicas', () => {
  const today = todayInLima();
  let system: TestSystem;
  let replicas: { repayment: NestFastifyApplication; disbursement: NestFastifyApplication };
  const manager = { id: randomUUID(), name: 'manager', role: 'fund_manager' as const };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await system.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0].n);
  const statusOf = async (applicationId: string) =>
    (
      await system.query<{ status: string }>(
        'SELECT status FROM disbursement.disbursement WHERE application_id = $1',
        [applicationId],
      )
    )[0]?.status;

  beforeAll(async () => {
    // Three dates behind today in Lima: what a scheduled close has to catch up.
    process.env.BUSINESS_DATE_START = addDays(today, -3);
    system = await TestSystem.start({
      services: ['repayment', 'disbursement'],
      label: 'scheduled_work',
    });
    replicas = {
      repayment: await system.startReplica('repayment'),
      disbursement: await system.startReplica('disbursement'),
    };
    // The disbursement service learns the business date from the repayment service's announcement.
    await eventually(async () => expect(await count('disbursement.business_calendar')).toBe(1));
  });
  afterAll(() => system?.close());

  it('runs the scheduled close on one replica: a tick that finds it running elsewhere does nothing', async () => {
    const schedulers = [system.app('repayment'), replicas.repayment].map((app) =>
      app.get(CloseOfBusinessScheduler),
    );
    const held = await heldElsewhere(replicas.repayment, SCHEDULED_CLOSE);
    expect(await schedulers[0].closeUpToToday()).toEqual({ outcome: 'running_elsewhere' });
    expect(await count('repayment.business_day_close')).toBe(0);
    await held.release();

    // Both replicas' crons fire at once: one closes the three dates, the other finds it running or done.
    const outcomes = await Promise.all(schedulers.map((s) => s.closeUpToToday()));
    expect(outcomes.filter((o) => o.outcome === 'closed')).toEqual([
      { outcome: 'closed', businessDate: today },
    ]);
    expect(
      outcomes.every((o) => ['closed', 'running_elsewhere', 'up_to_date'].includes(o.outcome)),
    ).toBe(true);
    const closed = await system.query<{ date: string }>(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS date FROM repayment.business_day_close
       ORDER BY business_date`,
    );
    expect(closed.map((row) => row.date)).toEqual([1, 2, 3].map((n) => addDays(today, n - 3)));
    // One announcement per date closed, besides the start's own.
    const announced = await system.query<{ date: string; n: number }>(
      `SELECT envelope->'payload'->>'businessDate' AS date, count(*)::int AS n FROM repayment.outbox
       WHERE type = 'business_day.closed' GROUP BY 1 ORDER BY 1`,
    );
    expect(announced).toEqual([0, 1, 2, 3].map((n) => ({ date: addDays(today, n - 3), n: 1 })));
    // The next tick finds nothing to close.
    expect(await schedulers[1].closeUpToToday()).toEqual({ outcome: 'up_to_date' });
  });

  it('leaves the sweep to the replica draining, but never the capacity freed meanwhile', async () => {
    const disbursement = system.app('disbursement');
    const funds = disbursement.get(AddFundMoneyService);
    // Capital 1000.00: room for 4000.00 of exposure; the approval needs 0.70 × 6000.00 = 4200.00.
    await funds.addGuaranteeCapital({
      actor: manager,
      body: { amount: '1000.00', reference: 'BN-1000' },
    });
    const approval = approvalEvent();
    await disbursement.get(DisburseApprovedApplicationService).execute(approval);
    expect(await statusOf(approval.payload.applicationId)).toBe('waitlisted');

    // Another replica is draining, past its last look at the queue: a sweep here is skipped…
    const held = await heldElsewhere(replicas.disbursement, WAITLIST_DRAIN);
    expect(await disbursement.get(WaitlistService).sweep()).toBe(0);
    // …but capital added now (4 × 1100.00 = 4400.00 ≥ 4200.00) waits for that drain to end and
    // drains after it, rather than trusting a drain that has already looked.
    const added = funds.addGuaranteeCapital({
      actor: manager,
      body: { amount: '100.00', reference: 'BN-100' },
    });
    await sleep(300);
    expect(await hasSettled(added)).toBe(false);
    expect(await statusOf(approval.payload.applicationId)).toBe('waitlisted');
    await held.release();
    await added;
    expect(await statusOf(approval.payload.applicationId)).toBe('disbursed');
    expect(await count(`disbursement.ledger_transaction WHERE kind = 'payout'`)).toBe(1);
  });

  it('folds the guarantee summary on one replica at a time', async () => {
    const fold = system.app('disbursement').get(FoldGuaranteeSummaryService);
    const held = await heldElsewhere(replicas.disbursement, GUARANTEE_SUMMARY_FOLD);
    // A change to fold: a second loan paid out, with capital for it.
    await system
      .app('disbursement')
      .get(AddFundMoneyService)
      .addGuaranteeCapital({ actor: manager, body: { amount: '1000.00', reference: 'BN-1000-B' } });
    await system
      .app('disbursement')
      .get(DisburseApprovedApplicationService)
      .execute(approvalEvent({ amount: '1000.00', termMonths: 6 }));
    const pending = await count('disbursement.guarantee_summary_change');
    expect(pending).toBeGreaterThan(0);
    expect(await fold.execute()).toBe(0);
    expect(await count('disbursement.guarantee_summary_change')).toBe(pending);
    await held.release();
    // This replica's fold, or either replica's next tick, takes them all.
    await fold.execute();
    await eventually(async () =>
      expect(await count('disbursement.guarantee_summary_change')).toBe(0),
    );
  });
});
