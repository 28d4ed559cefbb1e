import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { LoanVersion1764600000000 } from './migrations/1764600000000-loan-version';
import { ReprogrammedLoans1764840200000 } from './migrations/1764840200000-reprogrammed-loans';
import { ProgrammeImpact1764850000100 } from './migrations/1764850000100-programme-impact';
import { PortfolioCellChanges1764870000100 } from './migrations/1764870000100-portfolio-cell-changes';

/** The read model is kept with set-based SQL: no TypeORM entities. */
export const entities: Function[] = [];
export const migrations = [
  InitialSchema1763800000000,
  LoanVersion1764600000000,
  ReprogrammedLoans1764840200000,
  ProgrammeImpact1764850000100,
  PortfolioCellChanges1764870000100,
];
export const READ_MODEL_TABLES = [
  'portfolio_loan',
  'portfolio_cell',
  'portfolio_cell_change',
  'portfolio_enterprise',
  'portfolio_history',
  'portfolio_impact_loan',
  'portfolio_impact_member',
  'portfolio_impact_segment',
];
