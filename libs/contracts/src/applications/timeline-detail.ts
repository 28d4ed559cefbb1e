import type { ReprogrammingReason } from '../loans/loan.enums';
import { Grade, Recommendation } from './application.enums';

// What the system did at a step of an application's timeline, as a code and its figures, so every
// client says it in its own language. Amounts are decimal strings, like everywhere in the API.

/** Who the applications service names in `by` when no person acted (a score, a payout…). */
export const SYSTEM_ACTOR = 'system';

/** Why disbursement put an approved loan on its waiting list. */
export const WAITLIST_REASONS = [
  /** The loan's guarantee does not fit under the guarantee fund's leverage limit now. */
  'GUARANTEE_CAPACITY',
  /** It would fit, but approvals before it are waiting: first come, first served. */
  'QUEUE_AHEAD',
] as const;
export type WaitlistReasonCode = (typeof WAITLIST_REASONS)[number];

/** Why a requested matching grant was not given (the loan is paid out without it). */
export const GRANT_REFUSAL_CODES = ['GRANT_ENTERPRISE_LIMIT', 'GRANT_BUDGET_EXHAUSTED'] as const;
export type GrantRefusalCode = (typeof GRANT_REFUSAL_CODES)[number];

/** The code of each kind of timeline detail. */
export const TIMELINE_DETAIL_CODES = [
  'SCORED',
  'SECOND_APPROVAL_REQUIRED',
  'WAITLISTED',
  'DISBURSED',
  'REPROGRAMMED',
] as const;
export type TimelineDetailCode = (typeof TIMELINE_DETAIL_CODES)[number];

/**
 * The waitlist reason with its figures: `guarantee` is the exposure the loan's guarantee needs
 * (coverage × principal); `room` (GUARANTEE_CAPACITY) what the fund could still take on when the
 * loan was waitlisted (leverage limit × capital − exposure, at least 0); `ahead` (QUEUE_AHEAD) how
 * many approvals were waiting before it.
 */
export type WaitlistReason =
  | { code: 'GUARANTEE_CAPACITY'; guarantee: string; room: string }
  | { code: 'QUEUE_AHEAD'; guarantee: string; ahead: number };

/**
 * A refused grant with its figures: the per-enterprise cap (`limit`) and what remained of it for
 * this enterprise (`remaining`), or what was left of the innovation fund's budget (`available`).
 */
export type GrantRefusal =
  | { code: 'GRANT_ENTERPRISE_LIMIT'; requested: string; limit: string; remaining: string }
  | { code: 'GRANT_BUDGET_EXHAUSTED'; requested: string; available: string };

export interface ScoredDetail {
  code: 'SCORED';
  score: number;
  grade: Grade;
  recommendation: Recommendation;
}

export interface SecondApprovalRequiredDetail {
  code: 'SECOND_APPROVAL_REQUIRED';
  /** The amount the officer approved, and the one above which a fund manager must confirm. */
  amount: string;
  threshold: string;
}

/**
 * `reason` and the figures of WaitlistReason; a waitlisting older than its figures (an event that
 * carried only an English text) has the reason alone.
 */
export interface WaitlistedDetail {
  code: 'WAITLISTED';
  reason: WaitlistReasonCode;
  guarantee?: string;
  room?: string;
  ahead?: number;
}

export interface DisbursedDetail {
  code: 'DISBURSED';
  /** The business date of the payout (YYYY-MM-DD). */
  disbursedOn: string;
  principal: string;
  guaranteeFee: string;
  /** The matching grant paid with the loan ("0.00" when none). */
  grant: string;
  /** What the family received: principal − guarantee fee + grant. */
  payout: string;
  grantRequested: string;
  grantRefusal: GrantRefusal | null;
}

/**
 * The family's loan was reprogrammed: why (the reason's code; a person's words are the entry's
 * note), by how many months, and what it pays next — the first installment of the new schedule.
 */
export interface ReprogrammedDetail {
  code: 'REPROGRAMMED';
  reason: ReprogrammingReason;
  extensionMonths: number;
  graceMonths: number;
  /** The due date of the first installment of the new schedule (YYYY-MM-DD). */
  nextDueDate: string;
  /** Its amount. */
  nextInstallment: string;
}

export type TimelineDetail =
  | ScoredDetail
  | SecondApprovalRequiredDetail
  | WaitlistedDetail
  | DisbursedDetail
  | ReprogrammedDetail;
