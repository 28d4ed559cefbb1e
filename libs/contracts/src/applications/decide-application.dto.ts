import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { IsBoundedText, IsMoney, IsNestedObject } from '../validation/money.validators';
import { DECISIONS, DecisionKind } from './application.enums';
import { CashflowDto, LoanRequestDto } from './create-application.dto';

/** Body of POST /api/applications/{id}/decision. */
export class DecideApplicationDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: DecisionKind;

  /** An approval may change the amount (within product limits). */
  @IsOptional()
  @IsMoney({ required: false, description: 'Approved amount, if it differs from the request' })
  amount?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 600,
    description: 'Approved term in months, if it differs from the request',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths?: number;

  /** Required to reject or to ask for information; optional for an approval. */
  @ValidateIf((o: DecideApplicationDto) => o.decision !== 'approve' || o.reason !== undefined)
  @IsBoundedText(2000, { required: false, description: 'Required for reject and request_info' })
  reason?: string;
}

/**
 * Body of POST /api/applications/{id}/resubmit (an addition to API.md): after a request for
 * information, the officer sends the application back for scoring, with a corrected request or
 * cash flow if the family's answer changed them.
 */
export class ResubmitApplicationDto {
  @ApiPropertyOptional({ type: LoanRequestDto })
  @IsOptional()
  @IsNestedObject(() => LoanRequestDto)
  request?: LoanRequestDto;

  @ApiPropertyOptional({ type: CashflowDto })
  @IsOptional()
  @IsNestedObject(() => CashflowDto)
  cashflow?: CashflowDto;

  @IsOptional()
  @IsBoundedText(2000, { required: false, description: 'What the family answered' })
  note?: string;
}
