import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  IsBoundedLine,
  IsBoundedText,
  IsMoney,
  IsNestedObject,
  Rule,
} from '../validation/money.validators';
import { VALUE_CHAINS, ValueChain } from './application.enums';

export class EnterpriseDto {
  @IsBoundedLine(120, { example: 'Familia Quispe Mamani' }) name: string;

  @ApiProperty({
    example: '45871236',
    pattern: '^(\\d{8}|\\d{11})$',
    description: 'DNI (8 digits) or RUC (11 digits)',
  })
  @Rule('isDocumentId', (value) => typeof value === 'string' && /^(\d{8}|\d{11})$/.test(value))
  documentId: string;

  @IsBoundedLine(120, { example: 'Ocongate' }) municipality: string;

  @ApiProperty({ enum: VALUE_CHAINS }) @IsIn(VALUE_CHAINS) valueChain: ValueChain;

  @ApiProperty() @IsBoolean() womenLed: boolean;

  @ApiProperty() @IsBoolean() associationMember: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 80 })
  @IsInt()
  @Min(0)
  @Max(80)
  yearsInActivity: number;
}

export class InnovationDto {
  @IsBoundedText(2000, { example: 'Mechanical milking' }) description: string;
  @IsMoney({ example: '7500.00' }) cost: string;
  @IsMoney({ example: '3000.00' }) grantRequested: string;
}

export class LoanRequestDto {
  @IsMoney({
    example: '6000.00',
    description: 'Within the product limits (default 500.00–30000.00), else 422',
  })
  amount: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 600,
    example: 18,
    description: 'Months; within the product limits (default 3–36), else 422',
  })
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 600,
    example: 0,
    description: 'Interest-only months at the start (default 0–6, less than the term)',
  })
  @IsInt()
  @Min(0)
  @Max(600)
  graceMonths: number;

  @IsBoundedText(2000, { example: 'Milking machine and cooling tank' }) purpose: string;

  @IsOptional() @IsMoney({ example: '0.00', required: false }) collateralValue?: string;

  @ApiPropertyOptional({ type: InnovationDto })
  @IsOptional()
  @IsNestedObject(() => InnovationDto)
  innovation?: InnovationDto;
}

export class CashflowDto {
  @IsMoney({ example: '3200.00' }) monthlyRevenue: string;
  @IsMoney({ example: '1400.00' }) monthlyCosts: string;
  @IsMoney({ example: '700.00' }) householdExpenses: string;
  @IsMoney({ example: '0.00' }) otherDebtPayments: string;
}

/** Body of POST /api/applications (API.md). */
export class CreateApplicationDto {
  @ApiProperty({ type: EnterpriseDto })
  @IsDefined()
  @IsNestedObject(() => EnterpriseDto)
  enterprise: EnterpriseDto;

  @ApiProperty({ type: LoanRequestDto })
  @IsDefined()
  @IsNestedObject(() => LoanRequestDto)
  request: LoanRequestDto;

  @ApiProperty({ type: CashflowDto })
  @IsDefined()
  @IsNestedObject(() => CashflowDto)
  cashflow: CashflowDto;
}
