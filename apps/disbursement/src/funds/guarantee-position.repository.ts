import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, formatMoney, headroomSql, money, withinLeverageLimitSql } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';

/** The fund's position and policy rows as the statements below name them (`p`, `f`). */
const POSITION = {
  exposure: 'p.exposure',
  availableCapital: 'p.available_capital',
  leverageLimit: 'f.leverage_limit',
};

/** The guarantee fund's maintained position (kept equal to the journal, see the reconciliation). */
export interface GuaranteePosition {
  availableCapital: Decimal;
  exposure: Decimal;
}

/**
 * The guarantee fund's one position row. Every write is one UPDATE of it, which locks the row until
 * the caller's transaction ends; every change is announced by the row's trigger.
 */
@Injectable()
export class GuaranteePositionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(manager: EntityManager = this.dataSource.manager): Promise<GuaranteePosition> {
    const [row] = await manager.query(
      'SELECT available_capital, exposure FROM guarantee_position WHERE id = 1',
    );
    return {
      availableCapital: new Decimal(row.available_capital),
      exposure: new Decimal(row.exposure),
    };
  }

  async exposure(manager: EntityManager = this.dataSource.manager): Promise<Decimal> {
    const [row] = await manager.query('SELECT exposure FROM guarantee_position WHERE id = 1');
    return new Decimal(row.exposure);
  }

  /**
   * Reserves `exposure` if the fund's leverage stays within its limit and nobody is waiting before
   * this application (first come, first served). One statement: check and reservation are atomic.
   */
  async reserveExposure(
    manager: EntityManager,
    exposure: Decimal,
    skipQueueCheck = false,
  ): Promise<boolean> {
    const reserved = await manager.query(
      `UPDATE guarantee_position p SET exposure = p.exposure + $1
       FROM fund_policy f
       WHERE p.id = 1 AND f.id = 1
         AND ${withinLeverageLimitSql(POSITION, '$1')}
         AND ($2 OR NOT EXISTS (SELECT 1 FROM disbursement WHERE status = 'waitlisted'))
       RETURNING p.exposure`,
      [formatMoney(exposure), skipQueueCheck],
    );
    return reserved[0].length > 0;
  }

  /**
   * What the fund could still take on within its limit (unrounded), and how many waitlisted
   * applications other than this one are waiting.
   */
  async roomAndQueue(
    manager: EntityManager,
    applicationId: string,
  ): Promise<{ room: Decimal; ahead: number }> {
    const [{ room, ahead }] = await manager.query(
      `SELECT ${headroomSql(POSITION)} AS room,
         (SELECT count(*) FROM disbursement WHERE status = 'waitlisted' AND application_id <> $1)::int AS ahead
       FROM guarantee_position p, fund_policy f WHERE p.id = 1 AND f.id = 1`,
      [applicationId],
    );
    return { room: money(room), ahead };
  }

  async addCapital(manager: EntityManager, amount: Decimal): Promise<void> {
    await manager.query(
      'UPDATE guarantee_position SET available_capital = available_capital + $1 WHERE id = 1',
      [formatMoney(amount)],
    );
  }

  /** One update of the position (and so one announcement) for all an event moved; none if nothing. */
  async move(
    manager: EntityManager,
    capitalChange: Decimal,
    exposureChange: Decimal,
  ): Promise<void> {
    if (capitalChange.isZero() && exposureChange.isZero()) return;
    await manager.query(
      `UPDATE guarantee_position SET available_capital = available_capital + $1, exposure = exposure + $2
       WHERE id = 1`,
      [formatMoney(capitalChange), formatMoney(exposureChange)],
    );
  }
}
