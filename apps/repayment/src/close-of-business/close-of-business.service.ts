import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { BusinessDateView, CloseOfBusinessCommand } from '@qollqa/contracts';
import { daysBetween } from '@qollqa/money';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../business-date/business-date.service';
import { addDays, todayInLima } from '../business-date/calendar';
import { BusinessDayResult, CloseBusinessDay } from './close-business-day';
import {
  CloseOfBusinessException,
  CloseOfBusinessExceptionCode as Code,
} from './close-of-business.exception';

/** More than this many dates in one request is a typo rather than a catch-up (a year and a day). */
export const MAX_DATES_PER_CLOSE = 366;

/**
 * Runs the close of business for every date after the business date up to and including `date`,
 * each date in its own transaction: a crash loses at most the date being closed, which rolled back
 * and is simply closed again by the next run. Closes serialise on the business date's row lock, and
 * each transaction re-reads the date under that lock, so two closes racing never close a date twice.
 */
@Injectable()
export class CloseOfBusinessService {
  private readonly logger = new Logger(CloseOfBusinessService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly closeDay: CloseBusinessDay,
    @Inject(SERVICE_CONFIG) private readonly serviceConfig: ServiceConfig,
  ) {}

  async execute({ actor, body }: CloseOfBusinessCommand): Promise<BusinessDateView> {
    if (actor.role !== 'admin') {
      throw new CloseOfBusinessException(
        Code.AdminOnly,
        'Only an admin runs the close of business',
      );
    }
    return this.closeUpTo(body.date);
  }

  async closeUpTo(date: string): Promise<BusinessDateView> {
    const current = await this.businessDates.current();
    if (date < current) {
      throw new CloseOfBusinessException(
        Code.DateAlreadyClosed,
        `${date} is before the business date ${current}: it was closed already`,
        { date, businessDate: current },
      );
    }
    // Outside demo and test mode the business date never runs ahead of the calendar.
    if (this.serviceConfig.production && date > todayInLima()) {
      throw new CloseOfBusinessException(
        Code.DateInFuture,
        `${date} has not begun yet in Cusco (today is ${todayInLima()})`,
        { date, today: todayInLima() },
      );
    }
    if (daysBetween(current, date) > MAX_DATES_PER_CLOSE) {
      throw new CloseOfBusinessException(
        Code.TooManyDays,
        `At most ${MAX_DATES_PER_CLOSE} dates are closed at once: close up to ${addDays(current, MAX_DATES_PER_CLOSE)} first`,
        { max: MAX_DATES_PER_CLOSE, until: addDays(current, MAX_DATES_PER_CLOSE) },
      );
    }
    while (await this.closeNextDate(date));
    return { businessDate: await this.businessDates.current() };
  }

  /** Closes the date after the business date if it is not after `target`; false when done. */
  private async closeNextDate(target: string): Promise<boolean> {
    const result = await this.dataSource.transaction(
      async (manager): Promise<BusinessDayResult | null> => {
        const previous = await this.businessDates.holdExclusive(manager);
        if (previous >= target) return null;
        return this.closeDay.run(manager, addDays(previous, 1), previous);
      },
    );
    if (result === null) return false;
    this.logger.log(
      `Closed ${result.businessDate} in ${result.durationMs} ms: ${result.openLoans} open loans, ` +
        `${result.loansAged} aged, ${result.delinquencyEvents} delinquency changes, ` +
        `${result.classChanges} class changes, ${result.loansClaimed} claimed`,
    );
    return true;
  }
}
