import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The one `business_calendar` row: the business date as the closes of business announced it. */
@Injectable()
export class BusinessCalendarRepository {
  /** YYYY-MM-DD; null before the first close of business. */
  async currentDate(manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS date FROM business_calendar WHERE id = 1`,
    );
    return row ? row.date : null;
  }

  /** Moves the date to `businessDate` unless it is past that already. */
  async advanceTo(manager: EntityManager, businessDate: string): Promise<void> {
    await manager.query(
      `INSERT INTO business_calendar (id, business_date) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET business_date = greatest(business_calendar.business_date, EXCLUDED.business_date)`,
      [businessDate],
    );
  }
}
