import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { VALUE_CHAINS, ValueChain } from '../applications/application.enums';
import { IsBoundedLine, Rule } from './money.validators';

/** The last page anyone may ask for (API.md): past it, `page` is a 400, not an enormous OFFSET. */
export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 100;

/**
 * An integer of the query string between `min` and `max`. Only plain digits count as a number:
 * "1e300", "0x10", "1.5" or " 5" are refused as they are, never read as something else.
 */
export function IsQueryInteger(min: number, max: number, defaultValue?: number) {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, default: defaultValue }),
    IsOptional(),
    Transform(({ value }) =>
      typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
    ),
    Rule(
      'isIntegerInRange',
      (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      [min, max],
    ),
  );
}

/** `page` (1–1,000,000) and `pageSize` (1–100) of every list route. */
export class PageQuery {
  @IsQueryInteger(1, MAX_PAGE, 1) page?: number;
  @IsQueryInteger(1, MAX_PAGE_SIZE, 20) pageSize?: number;
}

/** A page filtered by where the enterprises are and what they produce. */
export class SegmentPageQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VALUE_CHAINS })
  @IsOptional()
  @IsIn(VALUE_CHAINS)
  valueChain?: ValueChain;

  @IsOptional()
  @IsBoundedLine(120, { required: false, example: 'Ocongate' })
  municipality?: string;
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
