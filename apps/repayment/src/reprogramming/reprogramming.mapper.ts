import {
  ReprogrammedLineView,
  ReprogrammingPreviewView,
  ReprogrammingView,
} from '@qollqa/contracts';
import { formatMoney, ReprogrammedLine } from '@qollqa/money';
import { Loan } from '../loans/entities/loan.entity';
import { Reprogramming } from './entities/reprogramming.entity';
import type { ReprogrammingPlan } from './services/loan-reprogrammer.service';

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

/** A line of a new schedule, amounts as decimal strings (the event's and the preview's). */
export function toReprogrammedLineView(line: ReprogrammedLine): ReprogrammedLineView {
  return {
    number: line.number,
    dueDate: line.dueDate,
    principal: formatMoney(line.principal),
    interest: formatMoney(line.interest),
    installment: formatMoney(line.installment),
    deferredInterest: formatMoney(line.deferredInterest),
  };
}

/** A reprogramming worked out and not applied, as the fund manager previews it. */
export function toReprogrammingPreviewView(
  loan: Loan,
  plan: ReprogrammingPlan,
): ReprogrammingPreviewView {
  const [first] = plan.schedule;
  return {
    loanId: loan.id,
    reference: loan.reference,
    businessDate: plan.businessDate,
    outstandingPrincipal: formatMoney(plan.outstandingPrincipal),
    deferredInterest: formatMoney(plan.deferredInterest),
    deferredMoratoryInterest: formatMoney(plan.deferredMoratoryInterest),
    replacedInstallments: plan.replaced.map((line) => line.number),
    termMonthsBefore: loan.termMonths,
    termMonthsAfter: plan.termMonths,
    schedule: plan.schedule.map(toReprogrammedLineView),
    nextInstallment: {
      number: first.number,
      dueDate: first.dueDate,
      amountDue: formatMoney(first.installment),
    },
  };
}
