import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { LoanVersion1764600000000 } from './migrations/1764600000000-loan-version';

/** The read model is kept with set-based SQL: no TypeORM entities. */
export const entities: Function[] = [];
export const migrations = [InitialSchema1763800000000, LoanVersion1764600000000];
export const READ_MODEL_TABLES = [
  'portfolio_loan',
  'portfolio_cell',
  'portfolio_enterprise',
  'portfolio_history',
];
