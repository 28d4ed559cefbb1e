import { ReprogrammingView } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { Reprogramming } from './entities/reprogramming.entity';

/** A reprogramming as the loan shows it (`reprogrammings`). */
export function toReprogrammingView(reprogramming: Reprogramming): ReprogrammingView {
  return {
    on: reprogramming.businessDate,
    reason: reprogramming.reason,
    note: reprogramming.note,
    extensionMonths: reprogramming.extensionMonths,
    graceMonths: reprogramming.graceMonths,
    by: reprogramming.by,
    classificationKept: reprogramming.classificationKept,
    at: reprogramming.recordedAt.toISOString(),
    daysPastDue: reprogramming.daysPastDue,
    replacedInstallments: reprogramming.replacedInstallments,
    deferredInterest: formatMoney(reprogramming.deferredInterest),
    emergencyId: reprogramming.emergencyId,
  };
}
