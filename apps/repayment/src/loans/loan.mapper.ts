import { LoanAccountView, ReprogrammingView, ScheduleLineView } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { installmentStatus } from './delinquency';
import { Loan } from './entities/loan.entity';
import {
  InstallmentBalance,
  isFullyPaid,
  unpaidInterest,
  unpaidPrincipal,
} from './installment-balance';

const moneyOrNull = (value: { toString(): string } | null) =>
  value === null ? null : formatMoney(value.toString());

/**
 * The loan as API.md shows it, figures as of the business date, plus what the contract leaves room
 * for (enterprise, moratory interest due, next installment…). List items leave out the schedule.
 */
export function toLoanView(
  loan: Loan,
  installments: InstallmentBalance[],
  businessDate: string,
  options: { schedule: boolean } = { schedule: true },
  reprogrammings: ReprogrammingView[] = [],
): LoanAccountView {
  const lines = [...installments].sort((a, b) => a.number - b.number);
  const next = lines.find((line) => !isFullyPaid(line));
  return {
    id: loan.id,
    applicationId: loan.applicationId,
    status: loan.status,
    principal: formatMoney(loan.principal),
    tea: loan.tea,
    termMonths: loan.termMonths,
    disbursedOn: loan.disbursedOn,
    coverage: loan.coverage,
    guaranteeFee: formatMoney(loan.guaranteeFee),
    grant: formatMoney(loan.grant),
    payout: formatMoney(loan.payout),
    outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
    daysPastDue: loan.daysPastDue,
    classification: loan.classification,
    ...(options.schedule
      ? { schedule: lines.map((line) => toScheduleLineView(line, businessDate)) }
      : {}),
    reference: loan.reference,
    enterprise: {
      id: loan.enterpriseId,
      name: loan.enterpriseName,
      municipality: loan.municipality,
      valueChain: loan.valueChain,
      womenLed: loan.womenLed,
    },
    moratoryTea: loan.moratoryTea,
    moratoryInterestDue: formatMoney(loan.moratoryInterestDue),
    maxDaysPastDue: loan.maxDaysPastDue,
    asOf: businessDate,
    nextInstallment:
      next === undefined || loan.status === 'written_off'
        ? null
        : {
            number: next.number,
            dueDate: next.dueDate,
            amountDue: formatMoney(unpaidInterest(next).plus(unpaidPrincipal(next))),
          },
    claimedOn: loan.claimedOn,
    claimAmount: moneyOrNull(loan.claimAmount),
    repaidOn: loan.repaidOn,
    writtenOffOn: loan.writtenOffOn,
    tcea: loan.tcea,
    reprogrammed: loan.reprogrammings > 0,
    reprogrammings,
  };
}

function toScheduleLineView(line: InstallmentBalance, businessDate: string): ScheduleLineView {
  return {
    number: line.number,
    dueDate: line.dueDate,
    principal: formatMoney(line.principal),
    interest: formatMoney(line.interest),
    installment: formatMoney(line.principal.plus(line.interest)),
    paidPrincipal: formatMoney(line.paidPrincipal),
    paidInterest: formatMoney(line.paidInterest),
    status: installmentStatus(line, businessDate),
  };
}
