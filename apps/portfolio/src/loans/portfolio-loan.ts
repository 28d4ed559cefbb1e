import { Classification, LoanStatus } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';

/** A loan's state in the read model: what its newest event said. */
export interface LoanState {
  status: LoanStatus;
  outstanding: Decimal;
  daysPastDue: number;
  classification: Classification;
  /** Reprogrammed at least once: true once any of its events says so, whatever their order. */
  reprogrammed: boolean;
}

/** Where a loan counts: only loan.disbursed says it. */
export interface LoanPlacement {
  enterpriseId: string;
  valueChain: string;
  municipality: string;
  womenLed: boolean;
  principal: Decimal;
}

/** What one event tells of a loan: its state and, from loan.disbursed only, its placement. */
export interface LoanFacts {
  state: LoanState;
  placement?: LoanPlacement;
}

/**
 * A loan the portfolio follows. The row exists from the first event of the loan handled, whichever
 * it is; its placement is null until loan.disbursed is seen.
 */
export interface PortfolioLoan extends LoanState, Unplaced<LoanPlacement> {
  loanId: string;
  /** The aggregate version of the newest event whose state the row holds (0: none yet). */
  version: number;
  disbursedSeen: boolean;
}

type Unplaced<T> = { [K in keyof T]: T[K] | null };

const IN_PORTFOLIO: LoanStatus[] = ['active', 'claimed'];

/** Whether the loan counts in the cells (the gross portfolio): placed, and active or claimed. */
export function inPortfolio(loan: PortfolioLoan): boolean {
  return loan.disbursedSeen && IN_PORTFOLIO.includes(loan.status);
}

/**
 * The loan after an event at `version`: its state is replaced only if the event is newer than the
 * state held (a redelivered or late older event leaves it), its placement whenever loan.disbursed
 * says it.
 */
export function afterEvent(
  before: PortfolioLoan,
  version: number,
  facts: LoanFacts,
): PortfolioLoan {
  const newer = version > before.version;
  return {
    ...before,
    ...(facts.placement ? { ...facts.placement, disbursedSeen: true } : {}),
    ...(newer ? { ...facts.state, version } : {}),
    // Once reprogrammed, always: an older event that says so still counts (a newer one carries it too).
    reprogrammed: before.reprogrammed || facts.state.reprogrammed,
  };
}
