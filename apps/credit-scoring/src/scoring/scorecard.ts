// Types of a versioned scorecard. A scorecard is pure data (thresholds, points, tables); the
// calculator in score-application.ts only reads it, so a new version is just another object.

export type ValueChain =
  'dairy' | 'cheese' | 'guinea_pig' | 'native_potato' | 'mushroom' | 'restaurant';
export type RepaymentHistory = 'on_time' | 'none' | 'arrears';
export type RiskLevel = 'low' | 'medium' | 'high';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export type Recommendation = 'approve' | 'review' | 'decline';

/**
 * One threshold band: passes when `metric <comparison> bound`. Bands are checked in order and
 * the first that passes gives its points; `bound` is a decimal string so comparisons are exact.
 */
export interface Band {
  readonly comparison: 'lt' | 'lte' | 'gte';
  readonly bound: string;
  readonly points: number;
}

/** A factor scored by bands on a numeric metric; `otherwisePoints` when no band passes. */
export interface BandedFactor {
  /** Code of the factor in ScoreResult.factors. */
  readonly code: string;
  /** Reason code given when the factor scores below its maximum. */
  readonly reason: string;
  readonly bands: readonly Band[];
  readonly otherwisePoints: number;
}

export interface Scorecard {
  readonly version: string;
  /** r = installment / net surplus. Net surplus ≤ 0 scores `otherwisePoints`. */
  readonly capacity: BandedFactor;
  readonly repaymentHistory: {
    readonly code: string;
    readonly points: Readonly<Record<RepaymentHistory, number>>;
    /** Reason code per history value that scores below the maximum. */
    readonly reasons: Readonly<Partial<Record<RepaymentHistory, string>>>;
  };
  /** Metric: whole years in the activity. */
  readonly yearsInActivity: BandedFactor;
  readonly association: {
    readonly code: string;
    readonly reason: string;
    readonly memberPoints: number;
    readonly nonMemberPoints: number;
  };
  readonly valueChain: {
    readonly code: string;
    readonly reason: string;
    /** Policy table: risk level of each value chain. */
    readonly risk: Readonly<Record<ValueChain, RiskLevel>>;
    readonly points: Readonly<Record<RiskLevel, number>>;
  };
  /** Metric: other debt payments / monthly revenue. Revenue 0 scores `otherwisePoints`. */
  readonly otherDebt: BandedFactor;
  /** Reason code (listed first) when net surplus ≤ 0; such applications are always declined. */
  readonly negativeSurplusReason: string;
  /** Share of the net surplus that the maximum affordable installment may take, e.g. "0.40". */
  readonly maxInstallmentShareOfSurplus: string;
  /** Grades from best to worst: the first whose `minScore` ≤ score applies (the last should be 0). */
  readonly grades: readonly { readonly grade: Grade; readonly minScore: number }[];
  readonly recommendations: Readonly<Record<Grade, Recommendation>>;
}

export interface ScoreInput {
  /** Money fields: decimal strings with at most 2 places, ≥ 0 (e.g. "3200.00"). */
  monthlyRevenue: string;
  productionCosts: string;
  householdExpenses: string;
  otherDebtPayments: string;
  yearsInActivity: number;
  associationMember: boolean;
  valueChain: ValueChain;
  repaymentHistory: RepaymentHistory;
  requestedAmount: string;
  termMonths: number;
  graceMonths: number;
  /** Product TEA (effective annual rate), e.g. "0.18". */
  tea: string;
}

export interface ScoreFactor {
  code: string;
  points: number;
  maxPoints: number;
}

export interface ScoreResult {
  /** 0–100. */
  value: number;
  grade: Grade;
  recommendation: Recommendation;
  reasons: string[];
  /** Money as strings with 2 places. */
  installment: string;
  netSurplus: string;
  maxAffordableAmount: string;
  scorecardVersion: string;
  factors: ScoreFactor[];
}
