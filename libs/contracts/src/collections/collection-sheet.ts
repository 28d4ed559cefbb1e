import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { Batch, BatchRequest } from '../exports/batch';
import { IsCalendarDate } from '../loans/repayment.rpc';
import { ApiDate, ApiInteger, ApiMoney, ApiUuid } from '../openapi/api-fields';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Query string of GET /api/collections. */
export class CollectionSheetQuery {
  @ApiPropertyOptional({
    example: '2026-04-02',
    format: 'date',
    description:
      'What is owed on this date (default: the business date). A later date projects what will be due; ' +
      'an earlier one → 422 (what was owed then cannot be told exactly from the loans as they are now)',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ description: 'Only this municipality (case ignored)', maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @Matches(/^\P{Cc}*$/u, { message: 'municipality must not contain control characters' })
  municipality?: string;

  @ApiPropertyOptional({
    example: 'officer',
    description: 'Only the loans whose application this loan officer registered (a username)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]{1,40}$/, { message: 'officer must be a username' })
  officer?: string;
}

/** One batch of the sheet, in loan-id order; the gateway sorts and sums the whole. */
export class CollectionSheetCommand extends ActorCommand {
  @IsDefined()
  @ValidateNested()
  @Type(() => CollectionSheetQuery)
  query: CollectionSheetQuery;

  @IsDefined() @ValidateNested() @Type(() => BatchRequest) batch: BatchRequest;
}

export interface CollectionItemView {
  loanId: string;
  reference: string;
  enterprise: { name: string; municipality: string };
  /** The oldest unpaid due date. */
  dueDate: string;
  /** What must be paid to be up to date on the sheet's date: due principal and interest, moratory interest. */
  amountDue: string;
  daysPastDue: number;
}

/** Answer of GET /api/collections (API.md "Collection sheet"). */
export interface CollectionSheetView {
  date: string;
  items: CollectionItemView[];
  total: number;
  amountDue: string;
}

export interface CollectionSheetBatch extends Batch<CollectionItemView> {
  /** The sheet's date: the one asked for, or the business date. */
  date: string;
}

class CollectionEnterpriseResponse {
  @ApiProperty({ example: 'Familia Quispe Mamani' }) name: string;
  @ApiProperty({ example: 'Ocongate' }) municipality: string;
}

/** OpenAPI: an item of the collection sheet. */
export class CollectionItemResponse implements CollectionItemView {
  @ApiUuid() loanId: string;
  @ApiProperty({ example: 'QL-7K4M2P' }) reference: string;
  @ApiProperty({ type: CollectionEnterpriseResponse }) enterprise: CollectionEnterpriseResponse;
  @ApiDate({ description: 'The oldest unpaid due date' }) dueDate: string;
  @ApiMoney({ description: 'What must be paid to be up to date on the date' }) amountDue: string;
  @ApiInteger() daysPastDue: number;
}

/** OpenAPI: GET /api/collections. */
export class CollectionSheetResponse implements CollectionSheetView {
  @ApiDate() date: string;
  @ApiProperty({ type: [CollectionItemResponse] }) items: CollectionItemResponse[];
  @ApiInteger() total: number;
  @ApiMoney({ description: 'Σ amountDue of the items' }) amountDue: string;
}
