import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runAlone } from './run-alone';

/**
 * Moves a pre-summed table's pending changes into it on a timer: a handler writes a change row
 * (an INSERT, which never waits for another handler) instead of updating the one summed row many
 * handlers share, and reads sum the table and its pending changes. Each tick runs on one replica
 * (runAlone under `name`): a replica that finds a fold running elsewhere skips its tick, since that
 * fold takes the changes committed before it and the next tick the rest. Reads are exact whether or
 * not a fold has run; folding only keeps them small.
 */
export abstract class ScheduledFold implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private folding?: Promise<number>;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly name: string,
    private readonly intervalMs: number,
  ) {}

  /** Folds the pending changes in one transaction; returns how many it folded. */
  protected abstract fold(): Promise<number>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.foldSafely(), this.intervalMs);
  }

  onApplicationShutdown(): Promise<unknown> {
    clearInterval(this.timer);
    return this.folding ?? Promise.resolve();
  }

  /**
   * Returns how many changes were folded (0 when another replica was folding). Concurrent calls
   * share one run.
   */
  execute(): Promise<number> {
    this.folding ??= runAlone(this.dataSource, this.name, () => this.fold())
      .then((outcome) => (outcome.ran ? outcome.result : 0))
      .finally(() => (this.folding = undefined));
    return this.folding;
  }

  private async foldSafely(): Promise<void> {
    await this.execute().catch((err) =>
      this.logger.warn(`Folding (${this.name}) failed, will retry: ${err}`),
    );
  }
}

/**
 * The one statement of a fold: deletes the pending rows of `changes` and adds them, summed per
 * `key`, into `table` (a new key gets its row); answers `folded`, how many change rows it moved.
 * Rows committed after the statement began stay for the next fold.
 */
export function foldChangesSql(options: {
  table: string;
  changes: string;
  key: readonly string[];
  measures: readonly string[];
}): string {
  const { table, changes, key, measures } = options;
  const keys = key.join(', ');
  return `
    WITH moved AS (DELETE FROM ${changes} RETURNING *),
    summed AS (
      INSERT INTO ${table} AS s (${keys}, ${measures.join(', ')})
      SELECT ${keys}, ${measures.map((m) => `sum(${m})`).join(', ')} FROM moved GROUP BY ${keys}
      ON CONFLICT (${keys}) DO UPDATE SET ${measures.map((m) => `${m} = s.${m} + EXCLUDED.${m}`).join(', ')}
    )
    SELECT count(*)::int AS folded FROM moved`;
}
