import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ScheduledFold } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { PortfolioCellRepository } from '../portfolio-cell.repository';

const FOLD_INTERVAL_MS = 2_000;
/** The name the fold runs under across replicas (runAlone). */
export const PORTFOLIO_CELLS_FOLD = 'portfolio-cells-fold';

/**
 * Folds the portfolio cells' pending changes into them every 2 s: a read then sums a few hundred
 * cells and the changes of the last seconds (two rows at most per event).
 */
@Injectable()
export class FoldPortfolioCellsService extends ScheduledFold {
  constructor(
    private readonly cells: PortfolioCellRepository,
    @InjectDataSource() dataSource: DataSource,
  ) {
    super(dataSource, PORTFOLIO_CELLS_FOLD, FOLD_INTERVAL_MS);
  }

  protected fold(): Promise<number> {
    return this.cells.fold();
  }
}
