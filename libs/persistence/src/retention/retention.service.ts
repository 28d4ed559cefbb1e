import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { DataSource } from 'typeorm';
import { runAlone } from '../run-alone';
import { MESSAGING_RETENTION, RetentionRule } from './retention-rule';

export const RETENTION_RULES = Symbol('RETENTION_RULES');

/** Rows deleted per statement: a purge never holds many locks or a long transaction. */
const BATCH = 5000;

/**
 * Forgets what a service no longer needs (RetentionRule), every RETENTION_INTERVAL_MS, once per
 * tick across replicas (runAlone), in batches. Rules whose table the service does not have are
 * skipped.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly rules: RetentionRule[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(RETENTION_RULES) serviceRules: RetentionRule[],
  ) {
    this.rules = [...MESSAGING_RETENTION, ...serviceRules];
  }

  onApplicationBootstrap(): void {
    if (!this.config.retentionIntervalMs) return;
    this.timer = setInterval(() => void this.purgeSafely(), this.config.retentionIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * One purge: rows deleted per rule, or null when another replica is purging right now.
   */
  async purge(): Promise<Record<string, number> | null> {
    const run = runAlone(this.dataSource, `retention:${this.config.service}`, async () => {
      const deleted: Record<string, number> = {};
      for (const rule of this.rules) {
        const [{ present }] = await this.dataSource.query(
          'SELECT to_regclass($1) IS NOT NULL AS present',
          [rule.table],
        );
        if (present) deleted[rule.name] = await this.purgeRule(rule);
      }
      return deleted;
    });
    this.running = run;
    const outcome = await run;
    return outcome.ran ? outcome.result : null;
  }

  private async purgeRule(rule: RetentionRule): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query(
        `DELETE FROM ${rule.table} WHERE ctid IN (
           SELECT ctid FROM ${rule.table} WHERE ${rule.where} LIMIT ${BATCH})`,
      );
      total += Number(count);
      if (Number(count) < BATCH) return total;
    }
  }

  private async purgeSafely(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted) this.logger.log(`Retention: ${JSON.stringify(deleted)}`);
    } catch (err) {
      this.logger.warn(`Retention failed, the next run tries again: ${err}`);
    }
  }
}
