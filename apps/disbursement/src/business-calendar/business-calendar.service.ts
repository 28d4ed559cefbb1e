import { Injectable } from '@nestjs/common';
import { BusinessDayClosedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';
import {
  BusinessCalendarException,
  BusinessCalendarExceptionCode as Code,
} from './business-calendar.exception';
import { BusinessCalendarRepository } from './business-calendar.repository';

/**
 * The system's business date, as the repayment service's close of business announces it. Payouts are
 * dated with it, never with the wall clock.
 */
@Injectable()
export class BusinessCalendar {
  constructor(
    private readonly inbox: InboxService,
    private readonly dates: BusinessCalendarRepository,
  ) {}

  async currentDate(manager: EntityManager): Promise<string> {
    const date = await this.dates.currentDate(manager);
    if (date === null)
      throw new BusinessCalendarException(Code.DateUnknown, 'The business date is not known yet');
    return date;
  }

  /** Dates only move forward, whatever order the announcements arrive in. */
  async onDayClosed(event: BusinessDayClosedEvent): Promise<void> {
    await this.inbox.processOnce(event, (manager) =>
      this.dates.advanceTo(manager, event.payload.businessDate),
    );
  }
}
