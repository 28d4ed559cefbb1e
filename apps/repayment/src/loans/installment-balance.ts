import { Decimal } from '@qollqa/money';

/** What an installment owes and what has been paid on it: the input of allocation and aging. */
export interface InstallmentBalance {
  number: number;
  dueDate: string;
  principal: Decimal;
  /** Interest the installment owes (less any cancelled by a prepayment). */
  interest: Decimal;
  paidPrincipal: Decimal;
  paidInterest: Decimal;
  /** Interest cancelled because a prepayment cleared the installment's principal before it fell due. */
  cancelledInterest: Decimal;
  /**
   * The part of `interest` that a reprogramming deferred (interest owed from before it): paid first
   * of the installment's interest, and never cancelled by a prepayment. None when absent.
   */
  deferredInterest?: Decimal;
  /** The reprogramming that replaced the installment (closed at what had been paid on it). */
  rescheduledBy?: string | null;
}

export function isFullyPaid(line: InstallmentBalance): boolean {
  return line.paidPrincipal.eq(line.principal) && line.paidInterest.eq(line.interest);
}

export const unpaidPrincipal = (line: InstallmentBalance): Decimal =>
  line.principal.minus(line.paidPrincipal);

export const unpaidInterest = (line: InstallmentBalance): Decimal =>
  line.interest.minus(line.paidInterest);

/** Deferred interest the installment still owes (its interest pays the deferred part first). */
export function unpaidDeferred(line: InstallmentBalance): Decimal {
  const deferred = line.deferredInterest ?? new Decimal(0);
  return Decimal.max(deferred.minus(line.paidInterest), 0);
}
