export const VALUE_CHAINS = [
  'dairy',
  'cheese',
  'guinea_pig',
  'native_potato',
  'mushroom',
  'restaurant',
] as const;
export type ValueChain = (typeof VALUE_CHAINS)[number];

/** The states of SPEC.md's lifecycle an application can be in. */
export const APPLICATION_STATUSES = [
  'submitted',
  'in_review',
  'info_requested',
  'awaiting_second_approval',
  'approved',
  'waitlisted',
  'disbursed',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const DECISIONS = ['approve', 'reject', 'request_info'] as const;
export type DecisionKind = (typeof DECISIONS)[number];

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export type Recommendation = 'approve' | 'review' | 'decline';
