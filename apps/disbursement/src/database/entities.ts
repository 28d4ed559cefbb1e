import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { LoanVersion1764600000000 } from './migrations/1764600000000-loan-version';

export const entities: Function[] = [];
export const migrations = [InitialSchema1763800000000, LoanVersion1764600000000];
