import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Page } from '@qollqa/contracts';
import { Roles } from '../auth/decorators/auth.decorators';
import { csvFile, CsvRequested, ProducesCsv } from '../exports/csv-export';
import { AuditEntryView, AuditPageView } from './dtos/audit-entry.view';
import { AuditQuery } from './dtos/audit-query.dto';
import { AuditTrail } from './services/audit-trail.service';

/** Columns of GET /api/audit as CSV: the item's fields. */
const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'role',
  'action',
  'resourceId',
  'statusCode',
  'requestId',
] as const;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Roles('admin', 'fund_manager')
  @ProducesCsv()
  @ApiOperation({
    summary: 'The audit trail',
    description:
      'Roles: admin, fund_manager. Every POST and PATCH under /api, accepted or refused (sign-ins included), ' +
      'newest first. `from` and `to` are dates (the whole day in Lima) or ISO 8601 instants, both included. ' +
      'With `Accept: text/csv`: every matching row as CSV (no paging).',
  })
  @ApiOkResponse({ type: AuditPageView })
  @ApiBadRequestResponse({ description: 'An unknown query key, a bad date, to before from' })
  @ApiUnauthorizedResponse({ description: 'No valid token' })
  @ApiForbiddenResponse({ description: 'Any role but admin and fund_manager' })
  async list(
    @Query() query: AuditQuery,
    @CsvRequested() csv: boolean,
  ): Promise<Page<AuditEntryView> | StreamableFile> {
    if (csv) return csvFile('audit', AUDIT_CSV_COLUMNS, await this.trail.all(query));
    return this.trail.list(query);
  }
}
