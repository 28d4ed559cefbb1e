import {
  ApplicationApprovedPayload,
  Classification,
  GrantRefusal,
  LoanStatus,
} from '@qollqa/contracts';

/** A row of the `disbursement` table as PostgreSQL returns it (numerics as strings). */
export interface DisbursementRow {
  application_id: string;
  loan_id: string;
  enterprise_id: string;
  status: 'waitlisted' | 'reserved' | 'disbursed';
  approval: ApplicationApprovedPayload;
  principal: string;
  coverage: string;
  guarantee_fee: string;
  grant_amount: string;
  grant_refusal: string | null;
  /** The same refusal coded (jsonb), for the timeline to say in the reader's language. */
  grant_refusal_detail: GrantRefusal | null;
  disbursed_on: string | null;
  guarantee_status: 'none' | 'active' | 'claimed' | 'released';
  outstanding_principal: string;
  exposure: string;
  claim_paid: string;
  recovered: string;
  /** The newest loan event applied: its aggregateVersion (0 before the loan's first event). */
  loan_version: number;
  /** Σ coverage × each repayment made after the claim: what the fund may take back, up to its claim. */
  recovery_entitled: string;
  /** The loan's status, days past due and SBS class as its newest event said (for the analytics). */
  loan_status: LoanStatus;
  days_past_due: number;
  classification: Classification;
}

export const lockDisbursement = (column: 'application_id' | 'loan_id') =>
  `SELECT *, to_char(disbursed_on, 'YYYY-MM-DD') AS disbursed_on FROM disbursement WHERE ${column} = $1 FOR UPDATE`;
