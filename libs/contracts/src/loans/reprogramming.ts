import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { EventEnvelopeDto } from '../events/event-envelope';
import { ApiDate, ApiDateTime, ApiInteger, ApiMoney, ApiUuid } from '../openapi/api-fields';
import { IsBoundedText, IsMoney } from '../validation/money.validators';
import {
  CLASSIFICATIONS,
  Classification,
  REPROGRAMMING_REASONS,
  ReprogrammingReason,
} from './loan.enums';
import { LoanStateDto, ScheduleLineDto } from './loan.events';

/** The most months a reprogramming extends a loan's term by (SPEC.md, "Reprogramming"). */
export const MAX_EXTENSION_MONTHS = 6;
/** A loan is reprogrammed at most this many times. */
export const MAX_REPROGRAMMINGS = 2;
/** The most days past due a loan may have at the business date to be reprogrammed. */
export const MAX_REPROGRAMMING_DAYS_PAST_DUE = 30;

/** graceMonths ≤ extensionMonths of the same body (400 otherwise). */
export function IsWithinExtension() {
  return ValidateBy({
    name: 'isWithinExtension',
    validator: {
      validate: (value, args) => {
        const extension = (args?.object as { extensionMonths?: unknown }).extensionMonths;
        // A bad extension is its own problem: only compare two whole numbers.
        return !Number.isInteger(value) || !Number.isInteger(extension)
          ? true
          : (value as number) <= (extension as number);
      },
      defaultMessage: () => '$property must not be more than extensionMonths',
    },
  });
}

/** extensionMonths and graceMonths of a reprogramming: one loan's, or every loan's of an emergency. */
export class ReprogrammingTermsDto {
  @ApiProperty({ enum: REPROGRAMMING_REASONS, example: 'climate_event' })
  @IsIn(REPROGRAMMING_REASONS)
  reason: ReprogrammingReason;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_EXTENSION_MONTHS,
    example: 3,
    description: 'Months the term grows by: the new schedule has the replaced installments + these',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_MONTHS)
  extensionMonths: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_EXTENSION_MONTHS,
    example: 2,
    description: 'Interest-only months at the start of the new schedule: at most extensionMonths',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_EXTENSION_MONTHS)
  @IsWithinExtension()
  graceMonths: number;
}

/** Body of POST /api/loans/{id}/reprogramming. */
export class ReprogramLoanDto extends ReprogrammingTermsDto {
  @IsBoundedText(2000, {
    example: 'Helada del 12 de junio: se perdió la producción de leche del mes',
    description: 'Why, in words the family will read',
  })
  note: string;
}

export class ReprogramLoanCommand extends ActorCommand {
  @IsUUID() loanId: string;
  @IsDefined() @ValidateNested() @Type(() => ReprogramLoanDto) body: ReprogramLoanDto;
}

// ---- Views ----

/** One reprogramming of a loan: who, when, why, and what it replaced (API.md's fields, and more). */
export interface ReprogrammingView {
  /** The business date it was made on. */
  on: string;
  reason: ReprogrammingReason;
  note: string;
  extensionMonths: number;
  graceMonths: number;
  by: string;
  /** The loan's class at the reprogramming: its class is never better than this while it lives. */
  classificationKept: Classification;
  /** When it was recorded. */
  at: string;
  /** Days past due when it was made (0 after it). */
  daysPastDue: number;
  /** The installments it replaced (their status is now `rescheduled`). */
  replacedInstallments: number[];
  /** Interest due and unpaid when it was made (ordinary and moratory), spread over the new installments. */
  deferredInterest: string;
  /** The emergency that reprogrammed the loan, if an emergency did. */
  emergencyId: string | null;
}

export class ReprogrammingResponse implements ReprogrammingView {
  @ApiDate({ description: 'The business date of the reprogramming' }) on: string;
  @ApiProperty({ enum: REPROGRAMMING_REASONS }) reason: ReprogrammingReason;
  @ApiProperty({ example: 'Helada del 12 de junio' }) note: string;
  @ApiInteger({ minimum: 1, maximum: MAX_EXTENSION_MONTHS, example: 3 }) extensionMonths: number;
  @ApiInteger({ minimum: 0, maximum: MAX_EXTENSION_MONTHS, example: 2 }) graceMonths: number;
  @ApiProperty({ example: 'manager', description: 'The fund manager who reprogrammed it' })
  by: string;
  @ApiProperty({
    enum: CLASSIFICATIONS,
    description:
      "The loan's SBS class when it was reprogrammed: its class is the worse of this and its days past due's",
  })
  classificationKept: Classification;
  @ApiDateTime() at: string;
  @ApiInteger({ minimum: 0, description: 'Days past due when it was reprogrammed' })
  daysPastDue: number;
  @ApiProperty({
    type: [Number],
    example: [1, 2, 3],
    description: 'Numbers of the installments it replaced (now `rescheduled`)',
  })
  replacedInstallments: number[];
  @ApiMoney({
    example: '85.73',
    description:
      'Ordinary and moratory interest due and unpaid when it was made: spread over the non-grace new installments, never capitalised',
  })
  deferredInterest: string;
  @ApiUuid({ nullable: true, description: 'The emergency that reprogrammed it, if any' })
  emergencyId: string | null;
}

/** A line of a reprogrammed schedule, as the preview shows it (amounts as decimal strings). */
export interface ReprogrammedLineView {
  number: number;
  dueDate: string;
  principal: string;
  interest: string;
  /** The part of `interest` that is deferred interest (never charged interest on). */
  deferredInterest: string;
  installment: string;
}

/**
 * What reprogramming a loan on the given terms would do, changing nothing
 * (POST /api/loans/{id}/reprogramming/preview): the fund manager sees it before confirming.
 */
export interface ReprogrammingPreviewView {
  loanId: string;
  reference: string;
  businessDate: string;
  outstandingPrincipal: string;
  deferredInterest: string;
  deferredMoratoryInterest: string;
  replacedInstallments: number[];
  termMonthsBefore: number;
  termMonthsAfter: number;
  schedule: ReprogrammedLineView[];
  nextInstallment: { number: number; dueDate: string; amountDue: string };
}

// ---- The event ----

/** A line of the new schedule, with the part of its interest that is deferred interest. */
export class ReprogrammedLineDto extends ScheduleLineDto {
  @IsMoney() deferredInterest: string;
}

export class NextInstallmentDto {
  @IsInt() @Min(1) number: number;
  @IsDateString() dueDate: string;
  @IsMoney() amountDue: string;
}

/**
 * A loan was reprogrammed (SPEC.md, "Reprogramming"): the installments it replaced, the new ones,
 * and the loan's state after it (DPD 0, the class kept, one version newer).
 */
export class LoanReprogrammedPayload {
  @IsUUID() reprogrammingId: string;
  @IsUUID() loanId: string;
  @IsUUID() applicationId: string;
  @IsUUID() enterpriseId: string;
  @IsString() reference: string;
  /** The business date of the reprogramming. */
  @IsDateString() businessDate: string;
  @IsIn(REPROGRAMMING_REASONS) reason: ReprogrammingReason;
  @IsString() note: string;
  @IsInt() @Min(1) extensionMonths: number;
  @IsInt() @Min(0) graceMonths: number;
  /** The fund manager's username. */
  @IsString() by: string;
  @IsIn(CLASSIFICATIONS) classificationKept: Classification;
  @IsInt() @Min(0) daysPastDueBefore: number;
  @IsArray() @IsInt({ each: true }) replacedInstallments: number[];
  @IsMoney() outstandingPrincipal: string;
  /** Interest due and unpaid at the business date, ordinary and moratory, spread over the new lines. */
  @IsMoney() deferredInterest: string;
  /** The part of it that was moratory interest (the loan's moratory interest due is 0.00 after). */
  @IsMoney() deferredMoratoryInterest: string;
  /** The loan's term after it: months from the disbursement to the last installment. */
  @IsInt() @Min(1) termMonths: number;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReprogrammedLineDto)
  schedule: ReprogrammedLineDto[];
  /** What the family pays next: the first installment of the new schedule. */
  @IsDefined()
  @ValidateNested()
  @Type(() => NextInstallmentDto)
  nextInstallment: NextInstallmentDto;
  @IsOptional() @IsUUID() emergencyId?: string | null;
  @IsDefined() @ValidateNested() @Type(() => LoanStateDto) loan: LoanStateDto;
}
export class LoanReprogrammedEvent extends EventEnvelopeDto<LoanReprogrammedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => LoanReprogrammedPayload)
  payload: LoanReprogrammedPayload;
}
