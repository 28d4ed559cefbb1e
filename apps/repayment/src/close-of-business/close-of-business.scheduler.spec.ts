import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../business-date/business-date.service';
import { CloseOfBusinessScheduler } from './close-of-business.scheduler';
import { CloseOfBusinessService } from './close-of-business.service';

describe('CloseOfBusinessScheduler', () => {
  /** A database whose scheduled-work lock is free, or held by another replica. */
  const database = (lockFree: boolean) =>
    ({
      createQueryRunner: () => ({
        connect: async () => undefined,
        release: async () => undefined,
        query: async (sql: string) => (/try_advisory/.test(sql) ? [{ claimed: lockFree }] : []),
      }),
    }) as unknown as DataSource;

  const setup = (businessDate: string, cron: string | null = '0 5 * * *', lockFree = true) => {
    const closeUpTo = jest.fn(async (date: string) => ({ businessDate: date }));
    const registry = new SchedulerRegistry();
    const scheduler = new CloseOfBusinessScheduler(
      { businessDateStart: null, closeOfBusinessCron: cron },
      { closeUpTo } as unknown as CloseOfBusinessService,
      { current: async () => businessDate } as unknown as BusinessDateService,
      registry,
      database(lockFree),
    );
    return { scheduler, closeUpTo, registry };
  };

  afterEach(() => jest.useRealTimers());

  it("closes up to today's date in Lima when the business date is behind it", async () => {
    // 05:00 UTC on 2026-04-03 is midnight in Lima: 2026-04-03 has begun there.
    jest.useFakeTimers({ now: new Date('2026-04-03T05:00:00Z'), doNotFake: ['nextTick'] });
    const { scheduler, closeUpTo } = setup('2026-04-01');
    expect(await scheduler.closeUpToToday()).toEqual({
      outcome: 'closed',
      businessDate: '2026-04-03',
    });
    expect(closeUpTo).toHaveBeenCalledWith('2026-04-03');
  });

  it('leaves the tick to the replica already running the close', async () => {
    jest.useFakeTimers({ now: new Date('2026-04-03T05:00:00Z'), doNotFake: ['nextTick'] });
    const { scheduler, closeUpTo } = setup('2026-04-01', '0 5 * * *', false);
    expect(await scheduler.closeUpToToday()).toEqual({ outcome: 'running_elsewhere' });
    expect(closeUpTo).not.toHaveBeenCalled();
  });

  it('does nothing when the business date is already today in Lima', async () => {
    // 04:59 UTC on 2026-04-03 is still 2026-04-02 in Lima.
    jest.useFakeTimers({ now: new Date('2026-04-03T04:59:00Z'), doNotFake: ['nextTick'] });
    const { scheduler, closeUpTo } = setup('2026-04-02');
    expect(await scheduler.closeUpToToday()).toEqual({ outcome: 'up_to_date' });
    expect(closeUpTo).not.toHaveBeenCalled();
  });

  it('registers the daily job only when a schedule is configured', () => {
    const on = setup('2026-04-02');
    on.scheduler.onApplicationBootstrap();
    const job = on.registry.getCronJob('close-of-business');
    expect(job).toBeDefined();
    void job.stop();
    const off = setup('2026-04-02', null);
    off.scheduler.onApplicationBootstrap();
    expect(off.registry.getCronJobs().size).toBe(0);
  });
});
