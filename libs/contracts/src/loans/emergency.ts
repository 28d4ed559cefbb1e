import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { VALUE_CHAINS, ValueChain } from '../applications/application.enums';
import { ActorCommand } from '../auth/actor';
import { ApiDate, ApiDateTime, ApiInteger, ApiUuid, PageOf } from '../openapi/api-fields';
import { PageQuery } from '../validation/page-query';
import { IsBoundedLine, Rule } from '../validation/money.validators';
import {
  REPROGRAMMING_REASONS,
  REPROGRAMMING_REFUSALS,
  ReprogrammingReason,
  ReprogrammingRefusal,
} from './loan.enums';
import { IsCalendarDate } from './repayment.rpc';
import { MAX_EXTENSION_MONTHS, ReprogrammingTermsDto } from './reprogramming';

/** The most districts one emergency names. */
export const MAX_EMERGENCY_MUNICIPALITIES = 50;

/** Body of POST /api/emergencies: every eligible loan of these districts (and value chains). */
export class DeclareEmergencyDto extends ReprogrammingTermsDto {
  @IsBoundedLine(120, { example: 'Heladas de junio en Ocongate' }) name: string;

  @ApiProperty({
    format: 'date',
    example: '2026-06-14',
    description: 'The day the emergency was declared: not after the business date (else 422)',
  })
  @IsCalendarDate()
  declaredOn: string;

  @ApiProperty({
    type: [String],
    example: ['Ocongate'],
    minItems: 1,
    maxItems: MAX_EMERGENCY_MUNICIPALITIES,
    description: "The districts (the enterprises' municipality, case ignored)",
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_EMERGENCY_MUNICIPALITIES)
  @Transform(({ value }) =>
    Array.isArray(value)
      ? value.map((item) => (typeof item === 'string' ? item.trim() : item))
      : value,
  )
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(120, { each: true })
  @Rule('isSingleLine', (value) => typeof value === 'string' && !/[\t\n\r]/.test(value), [], {
    each: true,
  })
  municipalities: string[];

  @ApiPropertyOptional({
    type: [String],
    enum: VALUE_CHAINS,
    description: 'Only the loans of these value chains (all of them when absent)',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(VALUE_CHAINS.length)
  @IsIn(VALUE_CHAINS, { each: true })
  valueChains?: ValueChain[];
}

export class DeclareEmergencyCommand extends ActorCommand {
  /** The request's Idempotency-Key: the same key again resumes or repeats the same emergency. */
  @IsOptional() @IsString() idempotencyKey?: string;
  @IsDefined() @ValidateNested() @Type(() => DeclareEmergencyDto) body: DeclareEmergencyDto;
}

export class ListEmergenciesCommand extends ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => PageQuery) query: PageQuery;
}

// ---- Views ----

/** A loan of the emergency's districts that was not reprogrammed, and why. */
export interface SkippedLoanView {
  loanId: string;
  reference: string;
  why: ReprogrammingRefusal;
}

export interface EmergencyView {
  id: string;
  name: string;
  declaredOn: string;
  municipalities: string[];
  valueChains: ValueChain[] | null;
  reason: ReprogrammingReason;
  extensionMonths: number;
  graceMonths: number;
  declaredBy: string;
  declaredAt: string;
  /** The business date its loans were reprogrammed on. */
  businessDate: string;
  /** `in_progress` only while (or if) it stopped half-way: the same request again finishes it. */
  status: 'in_progress' | 'completed';
  reprogrammed: string[];
  skipped: SkippedLoanView[];
}

export class SkippedLoanResponse implements SkippedLoanView {
  @ApiUuid() loanId: string;
  @ApiProperty({ example: 'QL-7K4M2P' }) reference: string;
  @ApiProperty({
    enum: REPROGRAMMING_REFUSALS,
    description:
      'LOAN_NOT_ACTIVE: claimed; TOO_MANY_DAYS_PAST_DUE: more than 30 days past due; ' +
      'REPROGRAMMING_LIMIT_REACHED: reprogrammed twice already',
  })
  why: ReprogrammingRefusal;
}

export class EmergencyResponse implements EmergencyView {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'Heladas de junio en Ocongate' }) name: string;
  @ApiDate() declaredOn: string;
  @ApiProperty({ type: [String], example: ['Ocongate'] }) municipalities: string[];
  @ApiProperty({ type: [String], enum: VALUE_CHAINS, nullable: true })
  valueChains: ValueChain[] | null;
  @ApiProperty({ enum: REPROGRAMMING_REASONS }) reason: ReprogrammingReason;
  @ApiInteger({ minimum: 1, maximum: MAX_EXTENSION_MONTHS, example: 3 }) extensionMonths: number;
  @ApiInteger({ minimum: 0, maximum: MAX_EXTENSION_MONTHS, example: 2 }) graceMonths: number;
  @ApiProperty({ example: 'manager' }) declaredBy: string;
  @ApiDateTime() declaredAt: string;
  @ApiDate({ description: 'The business date its loans were reprogrammed on' })
  businessDate: string;
  @ApiProperty({
    enum: ['in_progress', 'completed'],
    description: 'in_progress only if it stopped half-way: the same request again finishes it',
  })
  status: 'in_progress' | 'completed';
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The loans it reprogrammed',
  })
  reprogrammed: string[];
  @ApiProperty({ type: [SkippedLoanResponse], description: 'The loans it skipped, and why' })
  skipped: SkippedLoanResponse[];
}

export class EmergencyPage extends PageOf(EmergencyResponse) {}
