import { Controller, Get, Query } from '@nestjs/common';
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
import { AuditEntryView, AuditPageView } from './dtos/audit-entry.view';
import { AuditQuery } from './dtos/audit-query.dto';
import { AuditTrail } from './services/audit-trail.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Roles('admin', 'fund_manager')
  @ApiOperation({
    summary: 'The audit trail',
    description:
      'Roles: admin, fund_manager. Every POST and PATCH under /api, accepted or refused (sign-ins included), ' +
      'newest first. `from` and `to` are dates (the whole day in Lima) or ISO 8601 instants, both included.',
  })
  @ApiOkResponse({ type: AuditPageView })
  @ApiBadRequestResponse({ description: 'An unknown query key, a bad date, to before from' })
  @ApiUnauthorizedResponse({ description: 'No valid token' })
  @ApiForbiddenResponse({ description: 'Any role but admin and fund_manager' })
  list(@Query() query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.trail.list(query);
  }
}
