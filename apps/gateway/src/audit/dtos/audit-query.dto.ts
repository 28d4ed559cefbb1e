import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '@qollqa/contracts';
import { IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The programme's days are Lima's: UTC−5 all year (Peru keeps no daylight saving time). */
const LIMA_OFFSET = '-05:00';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date that exists (2026-02-30 does not). */
function isDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function isDateOrInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (DATE.test(value)) return isDate(value);
  return INSTANT.test(value) && isDate(value.slice(0, 10)) && !isNaN(Date.parse(value));
}

/**
 * `from` and `to` of the audit trail: a date (YYYY-MM-DD, the whole day in Lima) or an ISO 8601
 * instant with its offset (2026-04-02T15:04:05Z). Both ends are included.
 */
function IsDateOrInstant() {
  return ValidateBy({
    name: 'isDateOrInstant',
    validator: {
      validate: isDateOrInstant,
      defaultMessage: () =>
        '$property must be a date (YYYY-MM-DD) or an ISO 8601 instant with its offset (2026-04-02T15:04:05Z)',
    },
  });
}

/** `to` must not come before `from`. */
function IsNotBeforeFrom() {
  return ValidateBy({
    name: 'isNotBeforeFrom',
    validator: {
      validate: (value, args) => {
        const { from } = args?.object as AuditFilter;
        if (!isDateOrInstant(value) || !isDateOrInstant(from)) return true;
        const period = auditPeriod({ from, to: value });
        return period.from! < period.before!;
      },
      defaultMessage: () => 'to must not be before from',
    },
  });
}

/** What GET /api/audit (and its export) filters on. */
export class AuditFilter {
  @ApiPropertyOptional({ description: 'A username or an enterprise reference, exactly' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  actor?: string;

  @ApiPropertyOptional({
    description: 'The method and route template, exactly',
    example: 'POST /api/loans/{id}/repayments',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(240)
  action?: string;

  @ApiPropertyOptional({ description: "The route's {id}, or the id of the resource created" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  resourceId?: string;

  @ApiPropertyOptional({
    description: 'From this date (the whole day in Lima) or instant, included',
    example: '2026-04-01',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'Up to this date (the whole day in Lima) or instant, included',
    example: '2026-04-30',
  })
  @IsOptional()
  @IsDateOrInstant()
  @IsNotBeforeFrom()
  to?: string;
}

/** Query string of GET /api/audit: the filter and a page. */
export class AuditQuery extends IntersectionType(AuditFilter, PageQuery) {}

/**
 * The instants a filter's `from` and `to` stand for: rows at or after `from` and strictly before
 * `before` (the day after a `to` date begins, or a `to` instant plus its last millisecond).
 */
export function auditPeriod(filter: Pick<AuditFilter, 'from' | 'to'>): {
  from?: Date;
  before?: Date;
} {
  const instant = (value: string) =>
    new Date(DATE.test(value) ? `${value}T00:00:00${LIMA_OFFSET}` : value);
  const to = filter.to === undefined ? undefined : instant(filter.to);
  return {
    from: filter.from === undefined ? undefined : instant(filter.from),
    before:
      to === undefined || filter.to === undefined
        ? undefined
        : new Date(to.getTime() + (DATE.test(filter.to) ? DAY_MS : 1)),
  };
}
