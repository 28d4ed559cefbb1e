import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, BusinessDayCloseView, ListClosesQuery, Page, Role } from '@qollqa/contracts';
import { DataSource } from 'typeorm';
import {
  CloseOfBusinessException,
  CloseOfBusinessExceptionCode as Code,
} from './close-of-business.exception';

const WHO_READS_CLOSES: Role[] = ['admin', 'fund_manager'];
/** Business dates from $1 to $2, either end open when null. */
const RANGE = `($1::date IS NULL OR business_date >= $1::date) AND ($2::date IS NULL OR business_date <= $2::date)`;

interface CloseRow {
  business_date: string;
  closed_at: Date;
  duration_ms: number | null;
  open_loans: number;
  loans_aged: number;
  class_changes: number | null;
  loans_claimed: number;
}

/** The closes of business that ran (business_day_close), newest first, with what each did. */
@Injectable()
export class CloseHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(actor: Actor, query: ListClosesQuery): Promise<Page<BusinessDayCloseView>> {
    assertMayRead(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [items, [{ total }]] = await Promise.all([
      this.select(query, { offset: (page - 1) * pageSize, limit: pageSize }),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM business_day_close WHERE ${RANGE}`,
        [query.from ?? null, query.to ?? null],
      ),
    ]);
    return { items, total, page, pageSize };
  }

  /** Every close in the range, without paging (for an export). */
  all(actor: Actor, query: ListClosesQuery): Promise<BusinessDayCloseView[]> {
    assertMayRead(actor);
    return this.select(query);
  }

  private async select(
    query: ListClosesQuery,
    range: { offset: number; limit: number } | null = null,
  ): Promise<BusinessDayCloseView[]> {
    const rows: CloseRow[] = await this.dataSource.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date, closed_at, duration_ms,
              open_loans, loans_aged, class_changes, loans_claimed
       FROM business_day_close WHERE ${RANGE}
       ORDER BY business_date DESC
       OFFSET $3 LIMIT $4`,
      [query.from ?? null, query.to ?? null, range?.offset ?? 0, range?.limit ?? null],
    );
    return rows.map((row) => ({
      businessDate: row.business_date,
      closedAt: row.closed_at.toISOString(),
      durationMs: row.duration_ms,
      openLoans: row.open_loans,
      aged: row.loans_aged,
      classChanges: row.class_changes,
      claimed: row.loans_claimed,
    }));
  }
}

function assertMayRead(actor: Actor): void {
  if (!WHO_READS_CLOSES.includes(actor.role)) {
    throw new CloseOfBusinessException(
      Code.RoleNotAllowed,
      'Only an admin or a fund manager reads the close-of-business history',
    );
  }
}
