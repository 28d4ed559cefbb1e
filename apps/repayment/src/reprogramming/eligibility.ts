import {
  MAX_REPROGRAMMING_DAYS_PAST_DUE,
  MAX_REPROGRAMMINGS,
  ReprogrammingRefusal,
} from '@qollqa/contracts';
import { Loan } from '../loans/entities/loan.entity';

/**
 * Why the loan may not be reprogrammed at the business date (SPEC.md, "Reprogramming"), or null: it
 * must be `active` (not claimed, repaid or written off), at most 30 days past due, and reprogrammed
 * fewer than twice. An active loan with no principal left (only interest owed) has nothing to
 * re-amortise: it counts as not active. The loan's DPD is as of the business date (every close and
 * every repayment set it).
 */
export function reprogrammingRefusal(
  loan: Pick<Loan, 'status' | 'daysPastDue' | 'reprogrammings' | 'outstandingPrincipal'>,
): ReprogrammingRefusal | null {
  if (loan.status !== 'active' || !loan.outstandingPrincipal.gt(0)) return 'LOAN_NOT_ACTIVE';
  if (loan.daysPastDue > MAX_REPROGRAMMING_DAYS_PAST_DUE) return 'TOO_MANY_DAYS_PAST_DUE';
  if (loan.reprogrammings >= MAX_REPROGRAMMINGS) return 'REPROGRAMMING_LIMIT_REACHED';
  return null;
}
