import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { MONEY_PATTERN } from '../validation/money.validators';

// How the fields of API.md's answers are described in the OpenAPI document, one helper per kind of
// value, so every route says the same thing the same way: ids are UUIDs, amounts decimal strings,
// counts integers, dates YYYY-MM-DD. `nullable: true` for a field that may be null.

type Options = Omit<ApiPropertyOptions, 'type' | 'format'>;

/** A UUID. */
export const ApiUuid = (options: Options = {}) =>
  ApiProperty({ type: String, format: 'uuid', ...options } as ApiPropertyOptions);

/** An amount in soles: a decimal string with two places. */
export const ApiMoney = (options: Options = {}) =>
  ApiProperty({
    type: String,
    pattern: MONEY_PATTERN.source,
    example: '1500.00',
    ...options,
  } as ApiPropertyOptions);

/** A decimal string that is not money: a rate, a share, a ratio ("0.18", "0.0412"). */
export const ApiDecimal = (example: string, options: Options = {}) =>
  ApiProperty({
    type: String,
    pattern: '^-?\\d+(\\.\\d+)?$',
    example,
    ...options,
  } as ApiPropertyOptions);

/** A whole number (a count, months, days). */
export const ApiInteger = (options: Options = {}) =>
  ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);

/** A calendar date, YYYY-MM-DD. */
export const ApiDate = (options: Options = {}) =>
  ApiProperty({
    type: String,
    format: 'date',
    example: '2026-04-02',
    ...options,
  } as ApiPropertyOptions);

/** An instant, ISO 8601 with its time zone. */
export const ApiDateTime = (options: Options = {}) =>
  ApiProperty({
    type: String,
    format: 'date-time',
    example: '2026-04-02T14:05:00.000Z',
    ...options,
  } as ApiPropertyOptions);

/**
 * The answer of a list route, `{ items, total, page, pageSize }`, as a named class:
 * `export class LoanPage extends PageOf(LoanSummaryResponse) {}`.
 */
export function PageOf<T>(item: ClassType<T>) {
  class Page {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiInteger({ minimum: 0, description: 'Items matching the filters, on every page' })
    total: number;
    @ApiInteger({ minimum: 1 }) page: number;
    @ApiInteger({ minimum: 1, maximum: 100 }) pageSize: number;
  }
  return Page;
}
