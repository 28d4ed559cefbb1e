import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
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

/** A segment page that can also be searched (`q`): applications and loans. */
export class SearchPageQuery extends SegmentPageQuery {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 120,
    description:
      "A reference (QL-7K4M2P, any case), a DNI/RUC (exact), or part of the enterprise's name " +
      '(case and accents ignored: "quispe" finds "Familia Quíspe")',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120)
  @Matches(/^\P{Cc}*$/u, { message: 'q must not contain control characters' })
  q?: string;
}
