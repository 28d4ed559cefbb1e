import { ApplicationApprovedPayload } from '@qollqa/contracts';

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
}

export const lockDisbursement = (column: 'application_id' | 'loan_id') =>
  `SELECT *, to_char(disbursed_on, 'YYYY-MM-DD') AS disbursed_on FROM disbursement WHERE ${column} = $1 FOR UPDATE`;
