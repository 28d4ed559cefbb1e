import {
  ApplicationStatus,
  DecisionKind,
  Grade,
  Recommendation,
  ValueChain,
} from './application.enums';

export interface ScoreView {
  value: number;
  grade: Grade;
  recommendation: Recommendation;
  reasons: string[];
  installment: string;
  netSurplus: string;
  maxAffordableAmount: string;
  scorecardVersion: string;
}

export interface DecisionView {
  decision: DecisionKind;
  amount: string | null;
  termMonths: number | null;
  reason: string | null;
  by: string;
  at: string;
  secondApprovalBy: string | null;
}

export interface TimelineEntryView {
  status: ApplicationStatus;
  at: string;
  by: string;
  note: string | null;
}

/** An application as GET /api/applications/{id} returns it (API.md). */
export interface ApplicationView {
  id: string;
  reference: string;
  status: ApplicationStatus;
  createdAt: string;
  enterprise: {
    id: string;
    name: string;
    documentId: string;
    municipality: string;
    valueChain: ValueChain;
    womenLed: boolean;
    associationMember: boolean;
    yearsInActivity: number;
  };
  request: {
    amount: string;
    termMonths: number;
    graceMonths: number;
    purpose: string;
    collateralValue: string;
    innovation: { description: string; cost: string; grantRequested: string } | null;
  };
  cashflow: {
    monthlyRevenue: string;
    monthlyCosts: string;
    householdExpenses: string;
    otherDebtPayments: string;
  };
  score: ScoreView | null;
  decision: DecisionView | null;
  loanId: string | null;
  timeline: TimelineEntryView[];
}

/** The answer to creating an application: the view plus the PIN, shown this once. */
export interface CreatedApplicationView extends ApplicationView {
  pin: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
