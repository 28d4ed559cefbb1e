import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { runAlone } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { GuaranteeSummaryRepository } from '../guarantee-summary.repository';

const FOLD_INTERVAL_MS = 2_000;
/** The name the fold runs under across replicas (runAlone). */
export const GUARANTEE_SUMMARY_FOLD = 'guarantee-summary-fold';

/**
 * Folds the guarantee summary's pending changes into its cells every 2 s, so a read sums a few
 * hundred cells and the changes of the last seconds (the events of a close of business over many
 * loans arrive one by one: a few hundred a second at most). Reads are exact whether or not a fold has
 * run; folding only keeps them small. A tick runs on one replica (runAlone): a replica that finds a
 * fold running elsewhere skips its tick, since that fold takes the changes committed before it and
 * the next tick the rest.
 */
@Injectable()
export class FoldGuaranteeSummaryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FoldGuaranteeSummaryService.name);
  private timer?: NodeJS.Timeout;
  private folding?: Promise<number>;

  constructor(
    private readonly summary: GuaranteeSummaryRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.foldSafely(), FOLD_INTERVAL_MS);
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
    this.folding ??= runAlone(this.dataSource, GUARANTEE_SUMMARY_FOLD, () => this.summary.fold())
      .then((outcome) => (outcome.ran ? outcome.result : 0))
      .finally(() => (this.folding = undefined));
    return this.folding;
  }

  private async foldSafely(): Promise<void> {
    await this.execute().catch((err) =>
      this.logger.warn(`Folding the guarantee summary failed, will retry: ${err}`),
    );
  }
}
