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
