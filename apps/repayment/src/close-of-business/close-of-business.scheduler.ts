import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { BusinessDateService } from '../business-date/business-date.service';
import { todayInLima } from '../business-date/calendar';
import { REPAYMENT_CONFIG, RepaymentConfig } from '../repayment.config';
import { CloseOfBusinessService } from './close-of-business.service';

/**
 * The daily close in normal operation: at CLOSE_OF_BUSINESS_CRON (UTC; by default 05:00, midnight
 * in Lima) it closes every date up to today in Lima that is not closed yet, so a service that was
 * down over midnight catches up at the next run. Replicas may all fire: the close is serialised and
 * never closes a date twice. Off in tests.
 */
@Injectable()
export class CloseOfBusinessScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CloseOfBusinessScheduler.name);

  constructor(
    @Inject(REPAYMENT_CONFIG) private readonly config: RepaymentConfig,
    private readonly closeOfBusiness: CloseOfBusinessService,
    private readonly businessDates: BusinessDateService,
    private readonly registry: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.closeOfBusinessCron) return;
    const job = CronJob.from({
      cronTime: this.config.closeOfBusinessCron,
      timeZone: 'UTC',
      onTick: () => this.closeUpToToday(),
      start: true,
    });
    this.registry.addCronJob('close-of-business', job);
  }

  async closeUpToToday(): Promise<void> {
    const today = todayInLima();
    try {
      if ((await this.businessDates.current()) >= today) return;
      const { businessDate } = await this.closeOfBusiness.closeUpTo(today);
      this.logger.log(`Scheduled close of business done: the business date is ${businessDate}`);
    } catch (err) {
      this.logger.error(`Scheduled close of business failed (next run retries): ${err}`);
    }
  }
}
