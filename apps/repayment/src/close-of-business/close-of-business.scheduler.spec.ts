import { SchedulerRegistry } from '@nestjs/schedule';
import { BusinessDateService } from '../business-date/business-date.service';
import { CloseOfBusinessScheduler } from './close-of-business.scheduler';
import { CloseOfBusinessService } from './close-of-business.service';

describe('CloseOfBusinessScheduler', () => {
  const setup = (businessDate: string, cron: string | null = '0 5 * * *') => {
    const closeUpTo = jest.fn(async (date: string) => ({ businessDate: date }));
    const registry = new SchedulerRegistry();
    const scheduler = new CloseOfBusinessScheduler(
      { businessDateStart: null, closeOfBusinessCron: cron },
      { closeUpTo } as unknown as CloseOfBusinessService,
      { current: async () => businessDate } as unknown as BusinessDateService,
      registry,
    );
    return { scheduler, closeUpTo, registry };
  };

  afterEach(() => jest.useRealTimers());

  it("closes up to today's date in Lima when the business date is behind it", async () => {
    // 05:00 UTC on 2026-04-03 is midnight in Lima: 2026-04-03 has begun there.
    jest.useFakeTimers({ now: new Date('2026-04-03T05:00:00Z'), doNotFake: ['nextTick'] });
    const { scheduler, closeUpTo } = setup('2026-04-01');
    await scheduler.closeUpToToday();
    expect(closeUpTo).toHaveBeenCalledWith('2026-04-03');
  });

  it('does nothing when the business date is already today in Lima', async () => {
    // 04:59 UTC on 2026-04-03 is still 2026-04-02 in Lima.
    jest.useFakeTimers({ now: new Date('2026-04-03T04:59:00Z'), doNotFake: ['nextTick'] });
    const { scheduler, closeUpTo } = setup('2026-04-02');
    await scheduler.closeUpToToday();
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
