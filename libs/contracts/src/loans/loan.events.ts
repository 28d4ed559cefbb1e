import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VALUE_CHAINS, ValueChain } from '../applications/application.enums';
import {
  GRANT_REFUSAL_CODES,
  GrantRefusalCode,
  WAITLIST_REASONS,
  WaitlistReasonCode,
} from '../applications/timeline-detail';
import { EventEnvelopeDto } from '../events/event-envelope';
import { IsMoney } from '../validation/money.validators';
import { CLASSIFICATIONS, Classification, LOAN_STATUSES, LoanStatus } from './loan.enums';

/**
 * Events of a loan's life. `loan.disbursed` comes from the disbursement service (which owns the funds
 * and the ledger); the others from the repayment service (which owns the loan account from then on).
 */
export const LoanEvents = {
  Disbursed: 'loan.disbursed',
  Waitlisted: 'loan.waitlisted',
  RepaymentRecorded: 'loan.repayment_recorded',
  RepaymentReversed: 'loan.repayment_reversed',
  DelinquencyChanged: 'loan.delinquency_changed',
  Claimed: 'loan.claimed',
  Repaid: 'loan.repaid',
  WrittenOff: 'loan.written_off',
  /** A fund manager reprogrammed the loan (alone, or in an emergency): reprogramming.events.ts. */
  Reprogrammed: 'loan.reprogrammed',
} as const;

/** The business date moved: published by the repayment service at each close of business. */
export const BusinessDayEvents = {
  Closed: 'business_day.closed',
} as const;

export class LoanEnterpriseDto {
  @IsUUID() id: string;
  /** DNI or RUC, from the approval; absent in events written before it was carried. */
  @IsOptional() @IsString() documentId?: string;
  @IsString() name: string;
  @IsString() municipality: string;
  @IsIn(VALUE_CHAINS) valueChain: ValueChain;
  @IsBoolean() womenLed: boolean;
}

export class ScheduleLineDto {
  @IsInt() @Min(1) number: number;
  @IsDateString() dueDate: string;
  @IsMoney() principal: string;
  @IsMoney() interest: string;
  @IsMoney() installment: string;
}

/** Why a requested grant was refused, coded (timeline-detail.ts's GrantRefusal). */
export class GrantRefusalDetailDto {
  @IsIn(GRANT_REFUSAL_CODES) code: GrantRefusalCode;
  @IsMoney() requested: string;
  /** GRANT_ENTERPRISE_LIMIT: the per-enterprise cap, and what remained of it for this enterprise. */
  @ValidateIf((o: GrantRefusalDetailDto) => o.code === 'GRANT_ENTERPRISE_LIMIT')
  @IsMoney()
  limit?: string;
  @ValidateIf((o: GrantRefusalDetailDto) => o.code === 'GRANT_ENTERPRISE_LIMIT')
  @IsMoney()
  remaining?: string;
  /** GRANT_BUDGET_EXHAUSTED: what was left of the innovation fund's budget. */
  @ValidateIf((o: GrantRefusalDetailDto) => o.code === 'GRANT_BUDGET_EXHAUSTED')
  @IsMoney()
  available?: string;
}

export class LoanDisbursedPayload {
  @IsUUID() loanId: string;
  @IsUUID() applicationId: string;
  @IsString() reference: string;
  @IsDefined() @ValidateNested() @Type(() => LoanEnterpriseDto) enterprise: LoanEnterpriseDto;
  @IsString() productCode: string;
  @IsMoney() principal: string;
  /** Annual effective rates as decimal strings ("0.18"). */
  @IsString() tea: string;
  @IsString() moratoryTea: string;
  @IsInt() @Min(1) termMonths: number;
  @IsInt() @Min(0) graceMonths: number;
  /** The business date of the payout; installments fall due on the same day of later months. */
  @IsDateString() disbursedOn: string;
  /** Share of the outstanding principal the guarantee fund covers ("0.70" or "0.50"). */
  @IsString() coverage: string;
  @IsMoney() guaranteeFee: string;
  @IsMoney() grant: string;
  /** What the family receives: principal − guarantee fee (+ grant). */
  @IsMoney() payout: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScheduleLineDto)
  schedule: ScheduleLineDto[];
  /** Why a requested grant was not given (budget or per-enterprise cap), if it was not. */
  @IsOptional() @IsString() grantRefusal?: string | null;
  /** The same refusal coded, for a client to say in its own language; absent in older events. */
  @IsOptional()
  @ValidateNested()
  @Type(() => GrantRefusalDetailDto)
  grantRefusalDetail?: GrantRefusalDetailDto | null;
  /** Username of the loan officer who registered the application (from application.approved). */
  @IsOptional() @IsString() registeredBy?: string | null;
}
export class LoanDisbursedEvent extends EventEnvelopeDto<LoanDisbursedPayload> {
  @IsDefined() @ValidateNested() @Type(() => LoanDisbursedPayload) payload: LoanDisbursedPayload;
}

/** Why an approved loan waits for the guarantee fund, coded. */
export class WaitlistReasonDto {
  @IsIn(WAITLIST_REASONS) code: WaitlistReasonCode;
  /** The exposure the loan's guarantee needs (coverage × principal). */
  @IsMoney() guarantee: string;
  /** GUARANTEE_CAPACITY: what the fund could still take on (leverage limit × capital − exposure). */
  @ValidateIf((o: WaitlistReasonDto) => o.code === 'GUARANTEE_CAPACITY')
  @IsMoney()
  room?: string;
  /** QUEUE_AHEAD: how many approvals were waiting before it. */
  @ValidateIf((o: WaitlistReasonDto) => o.code === 'QUEUE_AHEAD')
  @IsInt()
  @Min(1)
  ahead?: number;
}

export class LoanWaitlistedPayload {
  @IsUUID() applicationId: string;
  /** The loan it will be once paid out: loan.waitlisted is its version 1, loan.disbursed its 2. */
  @IsUUID() loanId: string;
  /** In English, for older clients: read `reasonDetail`. */
  @IsString() reason: string;
  /** The reason coded, with its figures (timeline-detail.ts's WaitlistReason); absent in older events. */
  @IsOptional()
  @ValidateNested()
  @Type(() => WaitlistReasonDto)
  reasonDetail?: WaitlistReasonDto | null;
}
export class LoanWaitlistedEvent extends EventEnvelopeDto<LoanWaitlistedPayload> {
  @IsDefined() @ValidateNested() @Type(() => LoanWaitlistedPayload) payload: LoanWaitlistedPayload;
}

/**
 * The loan as it stands once the change an event reports is made: every loan event of the repayment
 * service carries it whole, so a read model copies it from the newest event it has seen (by
 * aggregateVersion) and an older event, redelivered late, never overwrites it.
 */
export class LoanStateDto {
  @IsIn(LOAN_STATUSES) status: LoanStatus;
  @IsMoney() outstandingPrincipal: string;
  @IsInt() @Min(0) daysPastDue: number;
  @IsIn(CLASSIFICATIONS) classification: Classification;
  /** The guarantee fund has paid its claim on this loan (at this version or before). */
  @IsBoolean() claimed: boolean;
  /**
   * The loan has been reprogrammed (at this version or before): present, true, from its first
   * reprogramming on; absent before it (and in every event older than reprogramming).
   */
  @IsOptional() @IsBoolean() reprogrammed?: boolean;
}

const LoanState = () => LoanStateDto;

export class AllocationDto {
  @IsMoney() moratoryInterest: string;
  @IsMoney() interest: string;
  @IsMoney() principal: string;
  @IsMoney() prepayment: string;
}

export class RepaymentRecordedPayload {
  @IsUUID() repaymentId: string;
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsString() externalRef: string;
  @IsMoney() amount: string;
  @IsDateString() paidOn: string;
  @IsDefined() @ValidateNested() @Type(() => AllocationDto) allocated: AllocationDto;
  /** The loan after the repayment. */
  @IsIn(LOAN_STATUSES) loanStatus: LoanStatus;
  @IsMoney() outstandingPrincipal: string;
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class RepaymentRecordedEvent extends EventEnvelopeDto<RepaymentRecordedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => RepaymentRecordedPayload)
  payload: RepaymentRecordedPayload;
}

/**
 * A fund manager reversed a loan's latest repayment on the business date it was recorded: the loan
 * is back as it was before it (`loan`, one version newer). The amounts are the repayment's, to undo
 * exactly what loan.repayment_recorded moved: its ledger posting and, when the loan was claimed when
 * it was made, the fund's coverage share of it.
 */
export class RepaymentReversedPayload {
  @IsUUID() repaymentId: string;
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsString() externalRef: string;
  @IsMoney() amount: string;
  @IsDateString() paidOn: string;
  @IsDefined() @ValidateNested() @Type(() => AllocationDto) allocated: AllocationDto;
  /** The loan was claimed when the repayment was made: the fund had a coverage share of it. */
  @IsBoolean() claimedWhenRecorded: boolean;
  /** The repayment had repaid the loan: it is open again, and no longer counts as repaid. */
  @IsBoolean() hadRepaidLoan: boolean;
  @IsString() reason: string;
  @IsString() reversedBy: string;
  /** The business date of the reversal (the repayment's own). */
  @IsDateString() reversedOn: string;
  /** The loan after the reversal: as it was before the repayment. */
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class RepaymentReversedEvent extends EventEnvelopeDto<RepaymentReversedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => RepaymentReversedPayload)
  payload: RepaymentReversedPayload;
}

/**
 * A loan crossed a delinquency threshold at a close of business (DPD > 1, ≥ 9, ≥ 31, ≥ 61, > 90,
 * ≥ 121) or came back under one after a repayment. Published on crossings only, not every day.
 */
export class DelinquencyChangedPayload {
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsDateString() businessDate: string;
  @IsInt() @Min(0) daysPastDue: number;
  @IsIn(CLASSIFICATIONS) classification: Classification;
  @IsOptional() @IsIn(CLASSIFICATIONS) previousClassification: Classification | null;
  @IsMoney() outstandingPrincipal: string;
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class DelinquencyChangedEvent extends EventEnvelopeDto<DelinquencyChangedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => DelinquencyChangedPayload)
  payload: DelinquencyChangedPayload;
}

/** The loan reached the claim threshold: the guarantee fund pays coverage × outstanding principal. */
export class LoanClaimedPayload {
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsDateString() businessDate: string;
  @IsInt() @Min(0) daysPastDue: number;
  @IsMoney() outstandingPrincipal: string;
  @IsString() coverage: string;
  @IsMoney() claimAmount: string;
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class LoanClaimedEvent extends EventEnvelopeDto<LoanClaimedPayload> {
  @IsDefined() @ValidateNested() @Type(() => LoanClaimedPayload) payload: LoanClaimedPayload;
}

export class LoanRepaidPayload {
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsDateString() repaidOn: string;
  /** The worst days past due the loan ever reached: the enterprise's credit history. */
  @IsInt() @Min(0) maxDaysPastDue: number;
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class LoanRepaidEvent extends EventEnvelopeDto<LoanRepaidPayload> {
  @IsDefined() @ValidateNested() @Type(() => LoanRepaidPayload) payload: LoanRepaidPayload;
}

export class LoanWrittenOffPayload {
  @IsUUID() loanId: string;
  @IsUUID() enterpriseId: string;
  @IsDateString() writtenOffOn: string;
  @IsMoney() outstandingPrincipal: string;
  @IsString() by: string;
  @IsString() reason: string;
  @IsDefined() @ValidateNested() @Type(LoanState) loan: LoanStateDto;
}
export class LoanWrittenOffEvent extends EventEnvelopeDto<LoanWrittenOffPayload> {
  @IsDefined() @ValidateNested() @Type(() => LoanWrittenOffPayload) payload: LoanWrittenOffPayload;
}

export class BusinessDayClosedPayload {
  @IsDateString() businessDate: string;
  @IsOptional() @IsDateString() previousBusinessDate: string | null;
}
export class BusinessDayClosedEvent extends EventEnvelopeDto<BusinessDayClosedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => BusinessDayClosedPayload)
  payload: BusinessDayClosedPayload;
}
