import {
  ApplicationApprovedPayload,
  Classification,
  GrantRefusal,
  LoanStatus,
} from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';

export type DisbursementStatus = 'waitlisted' | 'reserved' | 'disbursed';
export type GuaranteeStatus = 'none' | 'active' | 'claimed' | 'released';

/** An approved application's guarantee, grant and payout, and then the loan as its events tell it. */
export interface Disbursement {
  applicationId: string;
  loanId: string;
  enterpriseId: string;
  status: DisbursementStatus;
  approval: ApplicationApprovedPayload;
  principal: Decimal;
  coverage: Decimal;
  guaranteeFee: Decimal;
  grantAmount: Decimal;
  grantRefusal: string | null;
  /** The same refusal coded, for the timeline to say in the reader's language. */
  grantRefusalDetail: GrantRefusal | null;
  /** The business date of the payout (YYYY-MM-DD), null before it. */
  disbursedOn: string | null;
  guaranteeStatus: GuaranteeStatus;
  outstandingPrincipal: Decimal;
  exposure: Decimal;
  claimPaid: Decimal;
  recovered: Decimal;
  /** The newest loan event applied: its aggregateVersion (0 before the loan's first event). */
  loanVersion: number;
  /** Σ coverage × each repayment made after the claim: what the fund may take back, up to its claim. */
  recoveryEntitled: Decimal;
  /** The loan's status, days past due and SBS class as its newest event said (for the analytics). */
  loanStatus: LoanStatus;
  daysPastDue: number;
  classification: Classification;
}

/** What an approval's reservation or place on the waitlist records (outstanding: the principal). */
export type NewDisbursement = Pick<
  Disbursement,
  | 'applicationId'
  | 'loanId'
  | 'enterpriseId'
  | 'status'
  | 'approval'
  | 'principal'
  | 'coverage'
  | 'guaranteeFee'
  | 'grantAmount'
  | 'grantRefusal'
  | 'grantRefusalDetail'
  | 'guaranteeStatus'
  | 'exposure'
  | 'loanVersion'
>;
