import {
  ApplicationStatus,
  DecisionKind,
  Grade,
  Recommendation,
  ValueChain,
} from './application.enums';
import { TimelineDetail } from './timeline-detail';

export interface ScoreView {
  value: number;
  grade: Grade;
  recommendation: Recommendation;
  reasons: string[];
  installment: string;
  netSurplus: string;
  maxAffordableAmount: string;
  scorecardVersion: string;
  /**
   * TCEA of the requested amount, term and grace less the guarantee fee the fund would charge
   * (API.md, "Cost disclosure"), 4 places; null on a score made before it was computed.
   */
  tcea: string | null;
}

export interface DecisionView {
  decision: DecisionKind;
  amount: string | null;
  termMonths: number | null;
  reason: string | null;
  by: string;
  /** The display name of the staff member who decided (filled by the gateway). */
  byName: string | null;
  at: string;
  secondApprovalBy: string | null;
  /** The display name of the fund manager who gave the second approval (filled by the gateway). */
  secondApprovalByName: string | null;
}

export interface TimelineEntryView {
  status: ApplicationStatus;
  at: string;
  /** Who acted: a staff username, an application reference, or `system`. */
  by: string;
  /** The display name of the staff member who acted; null for the system (filled by the gateway). */
  byName: string | null;
  /** The words written with the step: a person's own, or the system's English text (noteBySystem). */
  note: string | null;
  /** True when `note` is a text the system wrote (in English, for older clients), not a person. */
  noteBySystem: boolean;
  /** What the system did at this step, coded; null for a step that is only a person's. */
  detail: TimelineDetail | null;
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
