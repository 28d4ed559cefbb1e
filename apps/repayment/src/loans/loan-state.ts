import { LoanStateDto } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { Loan } from './entities/loan.entity';

/** The loan as every one of its events carries it (LoanStateDto): what read models copy. */
export function loanState(loan: Loan): LoanStateDto {
  return {
    status: loan.status,
    outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
    daysPastDue: loan.daysPastDue,
    classification: loan.classification,
    claimed: loan.claimedOn !== null,
    // Absent until the loan is reprogrammed, as in every event older than reprogramming.
    ...(loan.reprogrammings > 0 ? { reprogrammed: true } : {}),
  };
}

/**
 * Each event about a loan makes it one version newer; the caller saves `loan.version` in the same
 * transaction as the event (the close of business does the same in SQL).
 */
export function nextLoanVersion(loan: Loan): number {
  loan.version += 1;
  return loan.version;
}
