import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BusinessDayClosedPayload, BusinessDayEvents } from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { REPAYMENT_CONFIG, RepaymentConfig } from '../repayment.config';
import { todayUtc } from './calendar';

/** The business date as an SQL expression, for a statement that reads it with other things. */
export const CURRENT_BUSINESS_DATE = '(SELECT business_date::text FROM business_date)';

/** The lock that stands for the business date (advisory locks are per database, hence the name). */
const BUSINESS_DATE_LOCK = `hashtext('qollqa:repayment:business-date')`;

/**
 * The system's one business date, in a single row. Changes that depend on it (a repayment, a
 * write-off, a new loan) hold a shared advisory lock on it until their transaction ends; the close
 * of business takes that lock exclusively, so a close never runs half-way through a repayment, nor a
 * repayment half-way through a close: the close waits for the repayments in flight, and the
 * repayments that come meanwhile wait for the close. (A shared lock on the row would do the same,
 * but many holders of one row lock make PostgreSQL create a multixact for each new holder.)
 */
@Injectable()
export class BusinessDateService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(REPAYMENT_CONFIG) private readonly config: RepaymentConfig,
  ) {}

  /**
   * At the first start the date is BUSINESS_DATE_START (or today, UTC), announced once as
   * business_day.closed so that other services learn it; replicas starting together do it once.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO business_date (id, business_date) VALUES (true, $1) ON CONFLICT (id) DO NOTHING`,
        [this.config.businessDateStart ?? todayUtc()],
      );
      const [row] = await manager.query(
        `SELECT business_date::text AS date, announced FROM business_date FOR UPDATE`,
      );
      if (row.announced) return;
      await this.outbox.add(manager, {
        type: BusinessDayEvents.Closed,
        aggregateId: randomUUID(),
        aggregateVersion: 1,
        payload: {
          businessDate: row.date,
          previousBusinessDate: null,
        } satisfies BusinessDayClosedPayload,
      });
      await manager.query(`UPDATE business_date SET announced = true, updated_at = now()`);
    });
  }

  /** The business date now (no lock). */
  async current(manager: EntityManager = this.dataSource.manager): Promise<string> {
    return this.read(manager, '');
  }

  /** The business date, held steady until the caller's transaction ends; a close waits for it. */
  async holdShared(manager: EntityManager): Promise<string> {
    await this.lockShared(manager);
    // Read after the lock, in a statement of its own: its snapshot sees a close that committed
    // while this transaction waited for the lock.
    return this.read(manager, '');
  }

  /**
   * The shared lock alone, for a caller that reads the date (CURRENT_BUSINESS_DATE) in its next
   * statement, with what else it reads: any statement after the lock sees a close committed before.
   */
  async lockShared(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${BUSINESS_DATE_LOCK})`);
  }

  /** The business date, for the close: one close at a time, and no change that depends on it. */
  async holdExclusive(manager: EntityManager): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(${BUSINESS_DATE_LOCK})`);
    return this.read(manager, 'FOR UPDATE');
  }

  async advance(manager: EntityManager, businessDate: string): Promise<void> {
    await manager.query(`UPDATE business_date SET business_date = $1, updated_at = now()`, [
      businessDate,
    ]);
  }

  private async read(manager: EntityManager, lock: string): Promise<string> {
    const [row] = await manager.query(
      `SELECT business_date::text AS date FROM business_date ${lock}`,
    );
    if (!row) throw new Error('The business date is not set: the service has not started');
    return row.date;
  }
}
