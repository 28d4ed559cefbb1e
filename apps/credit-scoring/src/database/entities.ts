import { CreditHistory } from '../credit-history/entities/credit-history.entity';
import { ScorecardRecord } from '../scorecards/entities/scorecard.entity';
import { Score } from '../scores/entities/score.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { CreditLoan1764600000000 } from './migrations/1764600000000-credit-loan';
import { CreditLoanRepaidVersion1764731200000 } from './migrations/1764731200000-credit-loan-repaid-version';
import { ScoreTcea1764840000000 } from './migrations/1764840000000-score-tcea';

export const entities = [Score, ScorecardRecord, CreditHistory];
export const migrations = [
  InitialSchema1763800000000,
  CreditLoan1764600000000,
  CreditLoanRepaidVersion1764731200000,
  ScoreTcea1764840000000,
];
