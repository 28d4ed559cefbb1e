/**
 * Columns of GET /api/loans as CSV: the list item's fields (a loan without its schedule), nested
 * ones with dots. A test checks them against a full JSON item.
 */
export const LOAN_CSV_COLUMNS = [
  'id',
  'applicationId',
  'status',
  'principal',
  'tea',
  'termMonths',
  'disbursedOn',
  'coverage',
  'guaranteeFee',
  'grant',
  'outstandingPrincipal',
  'daysPastDue',
  'classification',
  'reference',
  'enterprise.id',
  'enterprise.name',
  'enterprise.municipality',
  'enterprise.valueChain',
  'enterprise.womenLed',
  'moratoryTea',
  'moratoryInterestDue',
  'maxDaysPastDue',
  'asOf',
  'nextInstallment.number',
  'nextInstallment.dueDate',
  'nextInstallment.amountDue',
  'claimedOn',
  'claimAmount',
  'repaidOn',
  'writtenOffOn',
] as const;

/** Columns of GET /api/loans/{id}/repayments as CSV: the item's fields, nested ones with dots. */
export const REPAYMENT_CSV_COLUMNS = [
  'id',
  'externalRef',
  'amount',
  'paidOn',
  'allocated.moratoryInterest',
  'allocated.interest',
  'allocated.principal',
  'allocated.prepayment',
  'recordedBy',
  'recordedAt',
  'reversal.reason',
  'reversal.by',
  'reversal.at',
] as const;
