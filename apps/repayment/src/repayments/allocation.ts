import { Decimal } from '@qollqa/money';
import {
  InstallmentBalance,
  isFullyPaid,
  unpaidDeferred,
  unpaidInterest,
  unpaidPrincipal,
} from '../loans/installment-balance';

export interface AllocationInput {
  amount: Decimal;
  /** 'YYYY-MM-DD': installments due on or before it are due; later ones can only be prepaid. */
  paidOn: string;
  moratoryInterestDue: Decimal;
  installments: InstallmentBalance[];
}

export interface Allocation {
  moratoryInterest: Decimal;
  interest: Decimal;
  /** Principal of installments due on or before paidOn. */
  principal: Decimal;
  /** Principal of installments not yet due, paid from the last installment backwards. */
  prepayment: Decimal;
  /** The installments after the repayment (new objects; the input is not changed). */
  installments: InstallmentBalance[];
  /** Numbers of the installments the repayment changed. */
  changed: number[];
}

const ZERO = new Decimal(0);
const isDue = (line: InstallmentBalance, paidOn: string) => line.dueDate <= paidOn;

/**
 * The most a repayment on `paidOn` can be: the moratory interest, interest and principal of the
 * installments due by then, and the principal of the later ones (whose interest a full prepayment
 * cancels) with the interest a reprogramming deferred onto them (which none cancels). More than
 * this would be money the family does not owe.
 */
export function maximumRepayment(input: Omit<AllocationInput, 'amount'>): Decimal {
  return input.installments.reduce(
    (total, line) =>
      total
        .plus(unpaidPrincipal(line))
        .plus(isDue(line, input.paidOn) ? unpaidInterest(line) : unpaidDeferred(line)),
    input.moratoryInterestDue,
  );
}

/**
 * Allocates a repayment (SPEC.md, "Allocation"): (a) accrued moratory interest; (b) each installment
 * due on or before paidOn, oldest first, its interest then its principal; (c) what remains prepays
 * principal from the last installment backwards, so the term shortens. An installment whose
 * principal a prepayment clears before it falls due owes no interest any more (no principal is
 * outstanding in its period): its unpaid interest is cancelled — but not the interest a
 * reprogramming deferred onto it, which was owed before; (d) once every céntimo of principal is
 * paid, what remains pays that deferred interest ahead of its due dates (it counts as interest).
 * Throws a RangeError for an amount above maximumRepayment(): callers check first and refuse it.
 */
export function allocateRepayment(input: AllocationInput): Allocation {
  const maximum = maximumRepayment(input);
  if (input.amount.lte(0) || input.amount.gt(maximum)) {
    throw new RangeError(
      `amount must be in (0, ${maximum.toFixed(2)}]: ${input.amount.toFixed(2)}`,
    );
  }
  const lines = input.installments.map((line) => ({ ...line })).sort((a, b) => a.number - b.number);
  const changed = new Set<number>();
  let remaining = input.amount;
  const take = (owed: Decimal): Decimal => {
    const paid = Decimal.min(owed, remaining);
    remaining = remaining.minus(paid);
    return paid;
  };

  const moratoryInterest = take(input.moratoryInterestDue);
  let interest = ZERO;
  let principal = ZERO;
  for (const line of lines.filter((l) => isDue(l, input.paidOn))) {
    const paidInterest = take(unpaidInterest(line));
    const paidPrincipal = take(unpaidPrincipal(line));
    if (paidInterest.plus(paidPrincipal).isZero()) continue;
    line.paidInterest = line.paidInterest.plus(paidInterest);
    line.paidPrincipal = line.paidPrincipal.plus(paidPrincipal);
    interest = interest.plus(paidInterest);
    principal = principal.plus(paidPrincipal);
    changed.add(line.number);
  }

  let prepayment = ZERO;
  for (const line of [...lines].reverse()) {
    if (remaining.isZero()) break;
    const paid = take(unpaidPrincipal(line));
    if (paid.isZero()) continue;
    line.paidPrincipal = line.paidPrincipal.plus(paid);
    prepayment = prepayment.plus(paid);
    changed.add(line.number);
    if (line.paidPrincipal.eq(line.principal) && !isFullyPaid(line)) {
      const owed = unpaidDeferred(line);
      line.cancelledInterest = line.cancelledInterest.plus(unpaidInterest(line).minus(owed));
      line.interest = line.paidInterest.plus(owed);
    }
  }

  // Only a repayment of everything reaches here: every principal is paid, and the deferred
  // interest of the installments not yet due is all that is left.
  for (const line of lines) {
    if (remaining.isZero()) break;
    if (isDue(line, input.paidOn)) continue;
    const paid = take(unpaidDeferred(line));
    if (paid.isZero()) continue;
    line.paidInterest = line.paidInterest.plus(paid);
    interest = interest.plus(paid);
    changed.add(line.number);
  }

  return {
    moratoryInterest,
    interest,
    principal,
    prepayment,
    installments: lines,
    changed: [...changed].sort((a, b) => a - b),
  };
}
