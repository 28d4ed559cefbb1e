import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { runAlone } from '@qollqa/persistence';
import { CronJob } from 'cron';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../business-date/business-date.service';
import { todayInLima } from '../business-date/calendar';
import { REPAYMENT_CONFIG, RepaymentConfig } from '../repayment.config';
import { CloseOfBusinessService } from './close-of-business.service';

/** The name the scheduled close runs under across replicas (runAlone). */
export const SCHEDULED_CLOSE = 'close-of-business';

/** What one tick did: closed up to a date, found nothing to close, or left it to another replica. */
export type ScheduledCloseOutcome =
  | { outcome: 'closed'; businessDate: string }
  | { outcome: 'up_to_date' }
  | { outcome: 'running_elsewhere' }
  | { outcome: 'failed' };

/**
 * The daily close in normal operation: at CLOSE_OF_BUSINESS_CRON (UTC; by default 05:00, midnight
 * in Lima) it closes every date up to today in Lima that is not closed yet, so a service that was
 * down over midnight catches up at the next run. Every replica's cron fires; the tick runs on one of
 * them (runAlone): a replica that finds the close running elsewhere does nothing. Even without that,
 * a date is never closed twice (the close is serialised on the business date's row), so the lock
 * only keeps the other replicas from queuing behind it. Off in tests.
 */
@Injectable()
export class CloseOfBusinessScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CloseOfBusinessScheduler.name);

  constructor(
    @Inject(REPAYMENT_CONFIG) private readonly config: RepaymentConfig,
    private readonly closeOfBusiness: CloseOfBusinessService,
    private readonly businessDates: BusinessDateService,
    private readonly registry: SchedulerRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.closeOfBusinessCron) return;
    const job = CronJob.from({
      cronTime: this.config.closeOfBusinessCron,
      timeZone: 'UTC',
      onTick: () => void this.closeUpToToday(),
      start: true,
    });
    this.registry.addCronJob('close-of-business', job);
  }

  async closeUpToToday(): Promise<ScheduledCloseOutcome> {
    const today = todayInLima();
    try {
      const run = await runAlone(this.dataSource, SCHEDULED_CLOSE, async () => {
        if ((await this.businessDates.current()) >= today) return null;
        return (await this.closeOfBusiness.closeUpTo(today)).businessDate;
      });
      if (!run.ran) {
        this.logger.log('Scheduled close of business is running on another replica: skipped');
        return { outcome: 'running_elsewhere' };
      }
      if (run.result === null) return { outcome: 'up_to_date' };
      this.logger.log(`Scheduled close of business done: the business date is ${run.result}`);
      return { outcome: 'closed', businessDate: run.result };
    } catch (err) {
      this.logger.error(`Scheduled close of business failed (next run retries): ${err}`);
      return { outcome: 'failed' };
    }
  }
}
