import { ApiProperty } from '@nestjs/swagger';
import { VALUE_CHAINS, ValueChain } from '../applications/application.enums';
import { ApiDate, ApiDecimal, ApiInteger, ApiMoney, ApiUuid, PageOf } from '../openapi/api-fields';
import {
  CLASSIFICATIONS,
  Classification,
  INSTALLMENT_STATUSES,
  InstallmentStatus,
  LOAN_STATUSES,
  LoanStatus,
} from './loan.enums';
import { ScheduleLineView } from './loan.view';
import {
  ReprogrammedLineView,
  ReprogrammingPreviewView,
  ReprogrammingResponse,
} from './reprogramming';
import {
  AllocationView,
  BusinessDateView,
  LoanAccountView,
  LoanEnterpriseView,
  NextInstallmentView,
  RepaymentResultView,
} from './repayment.rpc';

// The answers of the loans and operations routes, as classes for the OpenAPI document.

export class ScheduleLineResponse implements ScheduleLineView {
  @ApiInteger({ minimum: 1, example: 1 }) number: number;
  @ApiDate() dueDate: string;
  @ApiMoney({ example: '290.49' }) principal: string;
  @ApiMoney({ example: '88.54' }) interest: string;
  @ApiMoney({ example: '379.03' }) installment: string;
  @ApiMoney({ example: '0.00' }) paidPrincipal: string;
  @ApiMoney({ example: '0.00' }) paidInterest: string;
  @ApiProperty({ enum: INSTALLMENT_STATUSES }) status: InstallmentStatus;
}

export class LoanEnterpriseResponse implements LoanEnterpriseView {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'Familia Quispe Mamani' }) name: string;
  @ApiProperty({ example: 'Ocongate' }) municipality: string;
  @ApiProperty({ enum: VALUE_CHAINS }) valueChain: ValueChain;
  @ApiProperty() womenLed: boolean;
}

export class NextInstallmentResponse implements NextInstallmentView {
  @ApiInteger({ minimum: 1 }) number: number;
  @ApiDate() dueDate: string;
  @ApiMoney({ description: 'Unpaid interest and principal of that installment' })
  amountDue: string;
}

/** A loan as the list returns it: everything but the schedule. */
export class LoanSummaryResponse implements Omit<LoanAccountView, 'schedule'> {
  @ApiUuid() id: string;
  @ApiUuid() applicationId: string;
  @ApiProperty({ example: 'QL-7K4M2P' }) reference: string;
  @ApiProperty({ enum: LOAN_STATUSES }) status: LoanStatus;
  @ApiMoney({ example: '6000.00' }) principal: string;
  @ApiDecimal('0.18', { description: 'Annual effective rate (TEA)' }) tea: string;
  @ApiDecimal('0.80', { description: 'Moratory annual effective rate' }) moratoryTea: string;
  @ApiInteger({ example: 18 }) termMonths: number;
  @ApiDate() disbursedOn: string;
  @ApiDecimal('0.70', { description: 'Share of the principal the guarantee fund covers' })
  coverage: string;
  @ApiMoney({ example: '63.00' }) guaranteeFee: string;
  @ApiMoney({ example: '3000.00' }) grant: string;
  @ApiMoney({
    example: '8937.00',
    description: 'What the family received at disbursement: principal − guarantee fee + grant',
  })
  payout: string;
  @ApiMoney({ example: '6000.00' }) outstandingPrincipal: string;
  @ApiInteger({ minimum: 0 }) daysPastDue: number;
  @ApiInteger({ minimum: 0 }) maxDaysPastDue: number;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification: Classification;
  @ApiProperty({ type: LoanEnterpriseResponse }) enterprise: LoanEnterpriseResponse;
  @ApiMoney({ example: '0.00' }) moratoryInterestDue: string;
  @ApiDate({ description: 'The business date the figures are as of' }) asOf: string;
  @ApiProperty({ type: NextInstallmentResponse, nullable: true })
  nextInstallment: NextInstallmentResponse | null;
  @ApiDate({ nullable: true }) claimedOn: string | null;
  @ApiMoney({ nullable: true }) claimAmount: string | null;
  @ApiDate({ nullable: true }) repaidOn: string | null;
  @ApiDate({ nullable: true }) writtenOffOn: string | null;
  @ApiDecimal('0.1965', {
    description:
      'TCEA: with r the monthly rate at which principal − guarantee fee equals the present value of the ' +
      'installments of the schedule at disbursement, (1 + r)^12 − 1, 4 places (the grant is not part of it)',
  })
  tcea: string;
  @ApiProperty({ description: 'Reprogrammed at least once' }) reprogrammed: boolean;
  @ApiProperty({ type: [ReprogrammingResponse], description: 'Its reprogrammings, oldest first' })
  reprogrammings: ReprogrammingResponse[];
}

/** A loan with its schedule (GET /api/loans/{id}). */
export class LoanResponse extends LoanSummaryResponse implements LoanAccountView {
  @ApiProperty({ type: [ScheduleLineResponse] }) schedule: ScheduleLineResponse[];
}

export class LoanPage extends PageOf(LoanSummaryResponse) {}

export class AllocationResponse implements AllocationView {
  @ApiMoney() moratoryInterest: string;
  @ApiMoney() interest: string;
  @ApiMoney() principal: string;
  @ApiMoney({ description: 'Principal prepaid from the last installment backwards' })
  prepayment: string;
}

export class RepaymentResultResponse implements RepaymentResultView {
  @ApiUuid() id: string;
  @ApiProperty({ type: AllocationResponse }) allocated: AllocationResponse;
  @ApiProperty({ type: LoanResponse }) loan: LoanResponse;
}

export class BusinessDateResponse implements BusinessDateView {
  @ApiDate({ description: 'The date of the last close of business' }) businessDate: string;
}

export class ReprogrammedLineResponse implements ReprogrammedLineView {
  @ApiInteger({ minimum: 1, example: 4 }) number: number;
  @ApiDate() dueDate: string;
  @ApiMoney({ example: '0.00' }) principal: string;
  @ApiMoney({ example: '68.45' }) interest: string;
  @ApiMoney({ example: '0.00', description: 'The part of interest that is deferred interest' })
  deferredInterest: string;
  @ApiMoney({ example: '68.45' }) installment: string;
}

export class ReprogrammingPreviewResponse implements ReprogrammingPreviewView {
  @ApiUuid() loanId: string;
  @ApiProperty({ example: 'QL-2026-000123' }) reference: string;
  @ApiDate({ description: 'The business date it would be made on' }) businessDate: string;
  @ApiMoney({ example: '4250.00', description: 'The principal re-amortised' })
  outstandingPrincipal: string;
  @ApiMoney({ example: '85.73', description: 'Ordinary and moratory interest due and unpaid' })
  deferredInterest: string;
  @ApiMoney({ example: '12.40' }) deferredMoratoryInterest: string;
  @ApiProperty({ type: [Number], example: [4, 5, 6] }) replacedInstallments: number[];
  @ApiInteger({ minimum: 1, example: 18 }) termMonthsBefore: number;
  @ApiInteger({ minimum: 1, example: 21 }) termMonthsAfter: number;
  @ApiProperty({ type: [ReprogrammedLineResponse] }) schedule: ReprogrammedLineResponse[];
  @ApiProperty({ type: NextInstallmentResponse })
  nextInstallment: NextInstallmentResponse;
}
