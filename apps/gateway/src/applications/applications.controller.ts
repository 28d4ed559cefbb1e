import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Actor,
  ApplicationsRpc,
  ApplicationView,
  Batch,
  CreateApplicationCommand,
  CreateApplicationDto,
  CreatedApplicationView,
  DecideApplicationCommand,
  DecideApplicationDto,
  ExportApplicationsCommand,
  GetApplicationQuery,
  ListApplicationsCommand,
  ListApplicationsQuery,
  Page,
  ResubmitApplicationCommand,
  ResubmitApplicationDto,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { csvFile, CsvRequested, everyBatch, ProducesCsv } from '../exports/csv-export';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.interceptor';
import { APPLICATION_CSV_COLUMNS } from './application-csv-columns';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Same key and body: the first response again, nothing new. Same key, other body: 422.',
};

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Roles('loan_officer')
  @ApiHeader(idempotencyHeader)
  @ApiCreatedResponse({
    description: 'The application with its reference and its PIN (shown this once)',
  })
  @ApiUnprocessableEntityResponse({
    description: 'Outside the product limits, or a grant above the rules',
  })
  create(
    @Body() body: CreateApplicationDto,
    @CurrentActor() actor: Actor,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<CreatedApplicationView> {
    return this.rpc.request<CreatedApplicationView, CreateApplicationCommand>(
      ApplicationsRpc.Create,
      {
        actor,
        idempotencyKey,
        body,
      },
    );
  }

  @Get()
  @Roles('loan_officer', 'fund_manager')
  @ProducesCsv()
  @ApiOkResponse({
    description:
      '{ items, total, page, pageSize }, oldest first (the review queue). With `Accept: text/csv`: ' +
      'every matching application as CSV (no paging), nested fields named with dots',
  })
  async list(
    @Query() query: ListApplicationsQuery,
    @CurrentActor() actor: Actor,
    @CsvRequested() csv: boolean,
  ): Promise<Page<ApplicationView> | StreamableFile> {
    if (csv) {
      return csvFile(
        'applications',
        APPLICATION_CSV_COLUMNS,
        everyBatch((after) =>
          this.rpc.request<Batch<ApplicationView>, ExportApplicationsCommand>(
            ApplicationsRpc.Export,
            // An application with its texts is up to ~10 kB: 50 keep a batch well under NATS's 1 MB.
            { actor, query, batch: { after, limit: 50 } },
          ),
        ),
      );
    }
    return this.rpc.request<Page<ApplicationView>, ListApplicationsCommand>(ApplicationsRpc.List, {
      actor,
      query,
    });
  }

  @Get(':id')
  @Roles('loan_officer', 'fund_manager', 'enterprise')
  @ApiOkResponse({ description: 'The application with its score, decision and timeline' })
  @ApiForbiddenResponse({ description: "Another enterprise's application" })
  @ApiNotFoundResponse()
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.rpc.request<ApplicationView, GetApplicationQuery>(ApplicationsRpc.Get, {
      actor,
      id,
    });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('loan_officer', 'fund_manager')
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({ description: 'The application after the decision' })
  @ApiConflictResponse({ description: 'The application is not waiting for this decision' })
  @ApiForbiddenResponse({
    description:
      'A first decision by a fund manager, a second approval by an officer or by the first approver',
  })
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.rpc.request<ApplicationView, DecideApplicationCommand>(ApplicationsRpc.Decide, {
      actor,
      id,
      body,
    });
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('loan_officer')
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({
    description: 'The application, submitted again for scoring (an addition to API.md)',
  })
  @ApiConflictResponse({ description: 'The application is not waiting for information' })
  resubmit(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResubmitApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    return this.rpc.request<ApplicationView, ResubmitApplicationCommand>(ApplicationsRpc.Resubmit, {
      actor,
      id,
      body,
    });
  }
}
