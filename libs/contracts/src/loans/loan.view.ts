import { Classification, InstallmentStatus, LoanStatus } from './loan.enums';

export interface ScheduleLineView {
  number: number;
  dueDate: string;
  principal: string;
  interest: string;
  installment: string;
  paidPrincipal: string;
  paidInterest: string;
  status: InstallmentStatus;
}

/** A loan as GET /api/loans/{id} returns it (API.md). List items omit `schedule`. */
export interface LoanView {
  id: string;
  applicationId: string;
  status: LoanStatus;
  principal: string;
  tea: string;
  termMonths: number;
  disbursedOn: string;
  coverage: string;
  guaranteeFee: string;
  grant: string;
  /** What the family received at disbursement: principal − guarantee fee + grant. */
  payout: string;
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: Classification;
  schedule?: ScheduleLineView[];
}
