import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** A non-negative amount in soles: a string with at most two decimals, e.g. "1500.00". */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export function IsMoney(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({
      type: String,
      example: '1500.00',
      pattern: MONEY_PATTERN.source,
      ...options,
    } as ApiPropertyOptions),
    IsString({ message: '$property must be a decimal string such as "1500.00"' }),
    Matches(MONEY_PATTERN, {
      message:
        '$property must be a non-negative amount with at most 2 decimals, as a string such as "1500.00"',
    }),
  );
}

/** An amount that moves money: like IsMoney, and more than zero. */
export function IsPositiveMoney(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    IsMoney(options),
    Matches(/[1-9]/, { message: '$property must be more than zero' }),
  );
}

/** A trimmed, required text of bounded length: "  " is empty and refused. */
export function IsBoundedText(max: number, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, ...options } as ApiPropertyOptions),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(max),
  );
}
