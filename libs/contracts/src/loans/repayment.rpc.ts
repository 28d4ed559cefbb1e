import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '@qollqa/money';
import { ValueChain } from '../applications/application.enums';
import { ActorCommand } from '../auth/actor';
import { BatchRequest } from '../exports/batch';
import { SearchPageQuery } from '../validation/page-query';
import { IsBoundedLine, IsBoundedText, IsPositiveMoney } from '../validation/money.validators';
import { CLASSIFICATIONS, Classification, LOAN_STATUSES, LoanStatus } from './loan.enums';
import { LoanView } from './loan.view';
import type { ReprogrammingView } from './reprogramming';

/** Request–reply patterns the repayment service answers. */
export const RepaymentRpc = {
  GetLoan: 'repayment.get-loan',
  ListLoans: 'repayment.list-loans',
  RecordRepayment: 'repayment.record-repayment',
  ListRepayments: 'repayment.list-repayments',
  ReverseRepayment: 'repayment.reverse-repayment',
  WriteOffLoan: 'repayment.write-off-loan',
  CloseOfBusiness: 'repayment.close-of-business',
  GetBusinessDate: 'repayment.get-business-date',
  ListCloses: 'repayment.list-closes',
  /** Every loan of GET /api/loans's filters, in batches (a CSV export). */
  ExportLoans: 'repayment.export-loans',
  CollectionSheet: 'repayment.collection-sheet',
  ReprogramLoan: 'repayment.reprogram-loan',
  PreviewReprogramming: 'repayment.preview-reprogramming',
  DeclareEmergency: 'repayment.declare-emergency',
  ListEmergencies: 'repayment.list-emergencies',
} as const;

/** A 'YYYY-MM-DD' string naming a real calendar date (2026-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => '$property must be a real calendar date as YYYY-MM-DD',
      },
    },
    options,
  );
}

// ---- HTTP bodies and queries ----

/** Body of POST /api/loans/{id}/repayments. */
export class RecordRepaymentDto {
  @IsPositiveMoney({
    example: '400.00',
    description: 'Greater than 0.00 (else 400); at most what is owed (else 422)',
  })
  amount: string;

  @ApiProperty({
    format: 'date',
    example: '2026-04-02',
    description:
      'Day the family paid: not after the business date, not before disbursement (else 422)',
  })
  @IsCalendarDate()
  paidOn: string;

  @IsBoundedLine(100, {
    example: 'RCPT-000123',
    description:
      'Receipt number: the same one again returns the first result; with another body → 409',
  })
  externalRef: string;
}

/** Body of POST /api/loans/{id}/write-off. */
export class WriteOffLoanDto {
  @IsBoundedText(2000, { example: 'Family emigrated; no recovery expected' }) reason: string;
}

/** Body of POST /api/admin/close-of-business. */
export class CloseOfBusinessDto {
  @ApiProperty({
    format: 'date',
    example: '2026-04-03',
    description: 'Close every business date up to this one',
  })
  @IsCalendarDate()
  date: string;
}

/** Query string of GET /api/loans. */
export class ListLoansQuery extends SearchPageQuery {
  @ApiPropertyOptional({ enum: LOAN_STATUSES })
  @IsOptional()
  @IsIn(LOAN_STATUSES)
  status?: LoanStatus;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;
}

// ---- Commands and queries over NATS ----

export class GetLoanQuery extends ActorCommand {
  @IsUUID() id: string;
}

export class ListLoansCommand extends ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => ListLoansQuery) query: ListLoansQuery;
}

/** A batch of GET /api/loans's rows with its filters (page and pageSize are not used). */
export class ExportLoansCommand extends ListLoansCommand {
  @IsDefined() @ValidateNested() @Type(() => BatchRequest) batch: BatchRequest;
}

export class RecordRepaymentCommand extends ActorCommand {
  @IsUUID() loanId: string;
  @IsDefined() @ValidateNested() @Type(() => RecordRepaymentDto) body: RecordRepaymentDto;
}

export class WriteOffLoanCommand extends ActorCommand {
  @IsUUID() loanId: string;
  @IsDefined() @ValidateNested() @Type(() => WriteOffLoanDto) body: WriteOffLoanDto;
}

export class CloseOfBusinessCommand extends ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => CloseOfBusinessDto) body: CloseOfBusinessDto;
}

export class GetBusinessDateQuery {}

// ---- Answers ----

export interface LoanEnterpriseView {
  id: string;
  name: string;
  municipality: string;
  valueChain: ValueChain;
  womenLed: boolean;
}

/** What the family owes next: the oldest installment not fully paid. */
export interface NextInstallmentView {
  number: number;
  dueDate: string;
  /** Unpaid interest and principal of that installment (moratory interest not included). */
  amountDue: string;
}

/** API.md's loan, with fields the contract leaves room for. */
export interface LoanAccountView extends LoanView {
  reference: string;
  enterprise: LoanEnterpriseView;
  moratoryTea: string;
  /** Moratory interest accrued at the closes of business and not yet paid. */
  moratoryInterestDue: string;
  maxDaysPastDue: number;
  /** The business date the figures are as of. */
  asOf: string;
  nextInstallment: NextInstallmentView | null;
  claimedOn: string | null;
  claimAmount: string | null;
  repaidOn: string | null;
  writtenOffOn: string | null;
  /**
   * TCEA (API.md, "Cost disclosure"): the annual cost of the schedule at disbursement against what
   * the family received (principal − guarantee fee), 4 places.
   */
  tcea: string;
  /** Reprogrammed at least once. */
  reprogrammed: boolean;
  /** Its reprogrammings, oldest first. */
  reprogrammings: ReprogrammingView[];
}

export interface AllocationView {
  moratoryInterest: string;
  interest: string;
  principal: string;
  prepayment: string;
}

/** Answer of POST /api/loans/{id}/repayments. */
export interface RepaymentResultView {
  id: string;
  allocated: AllocationView;
  loan: LoanAccountView;
}

export interface BusinessDateView {
  businessDate: string;
}
