import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { VALUE_CHAINS, ValueChain } from '../applications/application.enums';

/** `page` and `pageSize` (at most 100) of every list route. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

/** A page filtered by where the enterprises are and what they produce. */
export class SegmentPageQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VALUE_CHAINS })
  @IsOptional()
  @IsIn(VALUE_CHAINS)
  valueChain?: ValueChain;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/) municipality?: string;
}
