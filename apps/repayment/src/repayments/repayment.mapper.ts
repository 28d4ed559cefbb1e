import { RepaymentView } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { Repayment } from './entities/repayment.entity';

/** A repayment as GET /api/loans/{id}/repayments lists it. */
export function toRepaymentView(repayment: Repayment): RepaymentView {
  return {
    id: repayment.id,
    externalRef: repayment.externalRef,
    amount: formatMoney(repayment.amount),
    paidOn: repayment.paidOn,
    allocated: {
      moratoryInterest: formatMoney(repayment.moratoryInterest),
      interest: formatMoney(repayment.interest),
      principal: formatMoney(repayment.principal),
      prepayment: formatMoney(repayment.prepayment),
    },
    recordedBy: repayment.recordedBy,
    recordedAt: repayment.recordedAt.toISOString(),
    reversal:
      repayment.reversedAt === null
        ? null
        : {
            reason: repayment.reversalReason!,
            by: repayment.reversedBy!,
            at: repayment.reversedAt.toISOString(),
          },
  };
}
