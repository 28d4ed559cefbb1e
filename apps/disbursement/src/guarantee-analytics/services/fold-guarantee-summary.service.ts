import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ScheduledFold } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { GuaranteeSummaryRepository } from '../guarantee-summary.repository';

const FOLD_INTERVAL_MS = 2_000;
/** The name the fold runs under across replicas (runAlone). */
export const GUARANTEE_SUMMARY_FOLD = 'guarantee-summary-fold';

/**
 * Folds the guarantee summary's pending changes into its cells every 2 s, so a read sums a few
 * hundred cells and the changes of the last seconds (the events of a close of business over many
 * loans arrive one by one: a few hundred a second at most).
 */
@Injectable()
export class FoldGuaranteeSummaryService extends ScheduledFold {
  constructor(
    private readonly summary: GuaranteeSummaryRepository,
    @InjectDataSource() dataSource: DataSource,
  ) {
    super(dataSource, GUARANTEE_SUMMARY_FOLD, FOLD_INTERVAL_MS);
  }

  protected fold(): Promise<number> {
    return this.summary.fold();
  }
}
