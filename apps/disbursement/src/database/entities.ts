import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { LoanVersion1764600000000 } from './migrations/1764600000000-loan-version';
import { GrantRefusalDetail1764810100000 } from './migrations/1764810100000-grant-refusal-detail';
import { GuaranteeAnalytics1764850000000 } from './migrations/1764850000000-guarantee-analytics';

export const entities: Function[] = [];
export const migrations = [
  InitialSchema1763800000000,
  LoanVersion1764600000000,
  GrantRefusalDetail1764810100000,
  GuaranteeAnalytics1764850000000,
];
