import type { Scorecard } from './scorecard';

/** Default scorecard v1 (maximum 35 + 20 + 15 + 10 + 10 + 10 = 100 points). */
export const SCORECARD_V1: Scorecard = {
  version: 'v1',
  capacity: {
    code: 'CAPACITY',
    reason: 'CAPACITY',
    bands: [
      { comparison: 'lte', bound: '0.25', points: 35 },
      { comparison: 'lte', bound: '0.40', points: 25 },
      { comparison: 'lte', bound: '0.60', points: 10 },
    ],
    otherwisePoints: 0,
  },
  repaymentHistory: {
    code: 'REPAYMENT_HISTORY',
    points: { on_time: 20, none: 10, arrears: 0 }, // arrears = any arrears > 30 DPD with the fund
    reasons: { none: 'NO_HISTORY', arrears: 'PAST_ARREARS' },
  },
  yearsInActivity: {
    code: 'YEARS_IN_ACTIVITY',
    reason: 'LOW_EXPERIENCE',
    bands: [
      { comparison: 'gte', bound: '5', points: 15 },
      { comparison: 'gte', bound: '2', points: 10 },
    ],
    otherwisePoints: 3,
  },
  association: {
    code: 'ASSOCIATION',
    reason: 'NOT_ASSOCIATED',
    memberPoints: 10,
    nonMemberPoints: 0,
  },
  valueChain: {
    code: 'VALUE_CHAIN',
    reason: 'VALUE_CHAIN_RISK',
    risk: {
      dairy: 'low',
      cheese: 'low',
      guinea_pig: 'medium',
      native_potato: 'high',
      mushroom: 'high',
      restaurant: 'medium',
    },
    points: { low: 10, medium: 6, high: 3 },
  },
  otherDebt: {
    code: 'OTHER_DEBT',
    reason: 'OTHER_DEBT',
    bands: [
      { comparison: 'lt', bound: '0.10', points: 10 },
      { comparison: 'lt', bound: '0.25', points: 5 },
    ],
    otherwisePoints: 0,
  },
  negativeSurplusReason: 'NEGATIVE_SURPLUS',
  maxInstallmentShareOfSurplus: '0.40',
  grades: [
    { grade: 'A', minScore: 75 },
    { grade: 'B', minScore: 60 },
    { grade: 'C', minScore: 45 },
    { grade: 'D', minScore: 30 },
    { grade: 'E', minScore: 0 },
  ],
  recommendations: { A: 'approve', B: 'approve', C: 'review', D: 'decline', E: 'decline' },
};
