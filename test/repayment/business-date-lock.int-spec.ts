import { OutboxService } from '@qollqa/messaging';
import { dropDatabase, ensureDatabase, openServiceDataSource } from '@qollqa/persistence';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { BusinessDateService } from '../../apps/repayment/src/business-date/business-date.service';
import { entities, migrations } from '../../apps/repayment/src/database/entities';
import { RepaymentConfig } from '../../apps/repayment/src/repayment.config';
import { eventually } from '../support/eventually';
import { testDatabaseUrl, uniqueName } from '../support/test-env';

/**
 * The business date's lock, on the repayment service's schema: a change that depends on the date
 * (a repayment) holds it shared, the close of business exclusively. The close waits for every
 * repayment in flight; a repayment that comes during a close waits for it, then sees the date the
 * close left.
 */
describe('Business date lock: repayments against the close of business', () => {
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_business_date_lock'));
  let dataSource: DataSource;
  let businessDates: BusinessDateService;
  const open: QueryRunner[] = [];

  /** A transaction of its own, left open until `end`. */
  async function begin(): Promise<{
    manager: EntityManager;
    pid: number;
    end: () => Promise<void>;
  }> {
    const runner = dataSource.createQueryRunner();
    open.push(runner);
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
    return {
      manager: runner.manager,
      pid,
      end: async () => {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  /** Whether session `pid` is waiting for an advisory lock. */
  const waitsForTheLock = async (pid: number) =>
    (
      await dataSource.query(
        `SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
        [pid],
      )
    ).length === 1;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    dataSource = await openServiceDataSource({
      databaseUrl,
      schema: 'repayment',
      entities,
      migrations,
    });
    businessDates = new BusinessDateService(dataSource, new OutboxService(), {
      businessDateStart: '2026-03-10',
    } as RepaymentConfig);
    await dataSource.query(
      `INSERT INTO business_date (id, business_date, announced) VALUES (true, '2026-03-10', true)`,
    );
  });

  afterAll(async () => {
    for (const runner of open) if (!runner.isReleased) await runner.release();
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
  });

  it('lets repayments hold the date together, and the close waits until every one has committed', async () => {
    const first = await begin();
    const second = await begin();
    expect(await businessDates.holdShared(first.manager)).toBe('2026-03-10');
    expect(await businessDates.holdShared(second.manager)).toBe('2026-03-10');

    const close = await begin();
    const order: string[] = [];
    const closing = businessDates.holdExclusive(close.manager).then((date) => {
      order.push('close holds the date');
      return date;
    });
    await eventually(async () => expect(await waitsForTheLock(close.pid)).toBe(true));

    order.push('first repayment commits');
    await first.end();
    // One repayment is still in flight: the close still waits.
    await eventually(async () => expect(await waitsForTheLock(close.pid)).toBe(true));
    order.push('second repayment commits');
    await second.end();

    expect(await closing).toBe('2026-03-10');
    expect(order).toEqual([
      'first repayment commits',
      'second repayment commits',
      'close holds the date',
    ]);
    await close.end();
  });

  it('makes a repayment that comes during a close wait, then see the date the close left', async () => {
    const close = await begin();
    expect(await businessDates.holdExclusive(close.manager)).toBe('2026-03-10');
    await businessDates.advance(close.manager, '2026-03-11');

    const repayment = await begin();
    const order: string[] = [];
    const holding = businessDates.holdShared(repayment.manager).then((date) => {
      order.push('repayment holds the date');
      return date;
    });
    await eventually(async () => expect(await waitsForTheLock(repayment.pid)).toBe(true));
    order.push('close commits');
    await close.end();

    expect(await holding).toBe('2026-03-11');
    expect(order).toEqual(['close commits', 'repayment holds the date']);
    await repayment.end();
  });
});
