import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, ValidateNested } from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { PageQuery } from '../validation/page-query';
import { IsCalendarDate } from './repayment.rpc';

/** Query string of GET /api/admin/closes. */
export class ListClosesQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description: 'First business date',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last business date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ListClosesCommand extends ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => ListClosesQuery) query: ListClosesQuery;
}

/** One close of business as GET /api/admin/closes lists it. */
export class BusinessDayCloseView {
  @ApiProperty({ format: 'date', example: '2026-04-03' }) businessDate: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How long the close of that date took; null for closes from before it was kept',
  })
  durationMs: number | null;
  @ApiProperty({ type: 'integer', description: 'Active and claimed loans at the close' })
  openLoans: number;
  @ApiProperty({
    type: 'integer',
    description: 'Loans behind (or just back to current) whose days past due were updated',
  })
  aged: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Loans whose SBS class changed at the close; null for closes from before it was kept',
  })
  classChanges: number | null;
  @ApiProperty({ type: 'integer', description: 'Loans claimed from the guarantee fund' })
  claimed: number;
}

export class BusinessDayClosePageView {
  @ApiProperty({ type: [BusinessDayCloseView] }) items: BusinessDayCloseView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
