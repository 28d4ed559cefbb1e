export const LOAN_STATUSES = ['active', 'claimed', 'repaid', 'written_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

/** SBS Peru classes for micro and small enterprise credits, by days past due. */
export const CLASSIFICATIONS = ['normal', 'cpp', 'deficiente', 'dudoso', 'perdida'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** `rescheduled`: replaced by a reprogramming, closed at what had been paid on it. */
export const INSTALLMENT_STATUSES = [
  'pending',
  'partial',
  'paid',
  'overdue',
  'rescheduled',
] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];

/** Why a loan is reprogrammed (API.md, "Reprogramming"). */
export const REPROGRAMMING_REASONS = ['climate_event', 'social_unrest', 'health', 'other'] as const;
export type ReprogrammingReason = (typeof REPROGRAMMING_REASONS)[number];

/**
 * Why a loan may not be reprogrammed: the 422's code of POST /api/loans/{id}/reprogramming, and the
 * `why` of a loan an emergency skipped.
 */
export const REPROGRAMMING_REFUSALS = [
  /** Only an active loan (not claimed, repaid or written off). */
  'LOAN_NOT_ACTIVE',
  /** More than 30 days past due at the business date. */
  'TOO_MANY_DAYS_PAST_DUE',
  /** Reprogrammed twice already. */
  'REPROGRAMMING_LIMIT_REACHED',
] as const;
export type ReprogrammingRefusal = (typeof REPROGRAMMING_REFUSALS)[number];
