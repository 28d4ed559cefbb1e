import { Injectable } from '@nestjs/common';
import { BusinessDayClosedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';
import {
  BusinessCalendarException,
  BusinessCalendarExceptionCode as Code,
} from './business-calendar.exception';

/**
 * The system's business date, as the repayment service's close of business announces it. Payouts are
 * dated with it, never with the wall clock.
 */
@Injectable()
export class BusinessCalendar {
  constructor(private readonly inbox: InboxService) {}

  async currentDate(manager: EntityManager): Promise<string> {
    const [row] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS date FROM business_calendar WHERE id = 1`,
    );
    if (!row)
      throw new BusinessCalendarException(Code.DateUnknown, 'The business date is not known yet');
    return row.date;
  }

  /** Dates only move forward, whatever order the announcements arrive in. */
  async onDayClosed(event: BusinessDayClosedEvent): Promise<void> {
    await this.inbox.processOnce(event, async (manager) => {
      await manager.query(
        `INSERT INTO business_calendar (id, business_date) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET business_date = greatest(business_calendar.business_date, EXCLUDED.business_date)`,
        [event.payload.businessDate],
      );
    });
  }
}
