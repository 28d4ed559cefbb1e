import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { EventEnvelopeDto } from '../events/event-envelope';
import { IsMoney } from '../validation/money.validators';
import {
  APPLICATION_STATUSES,
  ApplicationStatus,
  VALUE_CHAINS,
  ValueChain,
} from './application.enums';

/** Event types published by the applications and credit-scoring services. */
export const ApplicationEvents = {
  Submitted: 'application.submitted',
  Scored: 'application.scored',
  StatusChanged: 'application.status_changed',
  Approved: 'application.approved',
} as const;

export class ScoringInputsDto {
  @IsIn(VALUE_CHAINS) valueChain: ValueChain;
  @IsInt() @Min(0) yearsInActivity: number;
  @IsBoolean() associationMember: boolean;
  @IsMoney() amount: string;
  @IsInt() @Min(1) termMonths: number;
  @IsInt() @Min(0) graceMonths: number;
  @IsMoney() monthlyRevenue: string;
  @IsMoney() monthlyCosts: string;
  @IsMoney() householdExpenses: string;
  @IsMoney() otherDebtPayments: string;
  /** The product's TEA as a decimal string ("0.18"). */
  @IsString() tea: string;
  /** The collateral pledged: the guarantee's coverage of the quote (TCEA); absent in older events. */
  @IsOptional() @IsMoney() collateralValue?: string;
}

export class ApplicationSubmittedPayload {
  @IsUUID() applicationId: string;
  @IsUUID() enterpriseId: string;
  @IsString() reference: string;
  /** 1 for the first submission, 2 after the first resubmission… A score answers one submission. */
  @IsInt() @Min(1) submission: number;
  @IsDefined() @ValidateNested() @Type(() => ScoringInputsDto) inputs: ScoringInputsDto;
}
export class ApplicationSubmittedEvent extends EventEnvelopeDto<ApplicationSubmittedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicationSubmittedPayload)
  payload: ApplicationSubmittedPayload;
}

export class ApplicationScoredPayload {
  @IsUUID() applicationId: string;
  @IsInt() @Min(1) submission: number;
  @IsUUID() scoreId: string;
  @IsInt() @Min(0) @Max(100) value: number;
  @IsIn(['A', 'B', 'C', 'D', 'E']) grade: 'A' | 'B' | 'C' | 'D' | 'E';
  @IsIn(['approve', 'review', 'decline']) recommendation: 'approve' | 'review' | 'decline';
  @IsArray() @IsString({ each: true }) reasons: string[];
  @IsMoney() installment: string;
  /** May be negative: a family whose expenses exceed its revenue. */
  @IsString() netSurplus: string;
  @IsMoney() maxAffordableAmount: string;
  @IsString() scorecardVersion: string;
  /** TCEA of the quote for the requested amount (4 places); absent in older events. */
  @IsOptional() @IsString() tcea?: string;
}
export class ApplicationScoredEvent extends EventEnvelopeDto<ApplicationScoredPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicationScoredPayload)
  payload: ApplicationScoredPayload;
}

export class ApplicationStatusChangedPayload {
  @IsUUID() applicationId: string;
  @IsUUID() enterpriseId: string;
  @IsOptional() @IsIn(APPLICATION_STATUSES) from: ApplicationStatus | null;
  @IsIn(APPLICATION_STATUSES) to: ApplicationStatus;
  @IsString() by: string;
  @IsOptional() @IsString() note: string | null;
}
export class ApplicationStatusChangedEvent extends EventEnvelopeDto<ApplicationStatusChangedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicationStatusChangedPayload)
  payload: ApplicationStatusChangedPayload;
}

export class ApprovedEnterpriseDto {
  @IsUUID() id: string;
  /** DNI or RUC (searching loans by it); absent in events written before it was carried. */
  @IsOptional() @IsString() documentId?: string;
  @IsString() name: string;
  @IsString() municipality: string;
  @IsIn(VALUE_CHAINS) valueChain: ValueChain;
  @IsBoolean() womenLed: boolean;
}

/** Everything the disbursement service needs to pay the loan out. */
export class ApplicationApprovedPayload {
  @IsUUID() applicationId: string;
  @IsString() reference: string;
  @IsDefined()
  @ValidateNested()
  @Type(() => ApprovedEnterpriseDto)
  enterprise: ApprovedEnterpriseDto;
  @IsMoney() amount: string;
  @IsInt() @Min(1) termMonths: number;
  @IsInt() @Min(0) graceMonths: number;
  @IsMoney() collateralValue: string;
  @IsMoney() grantRequested: string;
  @IsString() productCode: string;
  @IsString() tea: string;
  @IsString() moratoryTea: string;
  @IsString() approvedBy: string;
  @IsOptional() @IsString() secondApprovalBy: string | null;
  /**
   * Username of the loan officer who registered the application: the loan carries it for the
   * collection sheet's `officer` filter. Absent in events written before it was carried.
   */
  @IsOptional() @IsString() registeredBy?: string | null;
}
export class ApplicationApprovedEvent extends EventEnvelopeDto<ApplicationApprovedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicationApprovedPayload)
  payload: ApplicationApprovedPayload;
}
