import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApplicationPage,
  ApplicationResponse,
  ApplicationsRpc,
  ApplicationView,
  Batch,
  CreateApplicationCommand,
  CreateApplicationDto,
  CreatedApplicationResponse,
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
import { UuidPipe } from '@qollqa/platform';
import { CurrentActor, KnownStaffNames, Roles } from '../auth/decorators/auth.decorators';
import { csvFile, CsvRequested, everyBatch, ProducesCsv } from '../exports/csv-export';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.interceptor';
import { ApiRoute } from '../openapi/api-route.decorator';
import { StaffNames } from '../users/services/staff-names.service';
import { APPLICATION_CSV_COLUMNS } from './application-csv-columns';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  // Every answer with timelines gets the staff's display names (`byName`) here, one lookup each.
  constructor(
    private readonly rpc: RpcClient,
    private readonly staffNames: StaffNames,
  ) {}

  @Post()
  @Roles('loan_officer')
  @ApiRoute({
    summary: 'Register an application',
    description:
      'A family enterprise asks for a loan (and maybe a grant for its innovation). It is scored at once; ' +
      'the answer carries its reference and its PIN, shown this once.',
    response: {
      status: 201,
      type: CreatedApplicationResponse,
      description: 'The application, submitted, with its reference and PIN',
    },
    errors: {
      422: 'Outside the product limits (OUTSIDE_PRODUCT_LIMITS), or a grant above the rules (GRANT_NOT_ALLOWED)',
    },
  })
  async create(
    @Body() body: CreateApplicationDto,
    @CurrentActor() actor: Actor,
    @KnownStaffNames() knownNames: ReadonlyMap<string, string>,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<CreatedApplicationView> {
    const created = await this.rpc.request<CreatedApplicationView, CreateApplicationCommand>(
      ApplicationsRpc.Create,
      {
        actor,
        idempotencyKey,
        body,
      },
    );
    return this.staffNames.fill(created, knownNames);
  }

  @Get()
  @Roles('loan_officer', 'fund_manager')
  @ProducesCsv()
  @ApiRoute({
    summary: 'List applications',
    description:
      'Oldest first (the review queue); items carry no timeline. With `Accept: text/csv`: every matching ' +
      'application as CSV (no paging), nested fields named with dots.',
    response: { type: ApplicationPage, description: 'A page of applications' },
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
        everyBatch(async (after) => {
          const batch = await this.rpc.request<Batch<ApplicationView>, ExportApplicationsCommand>(
            ApplicationsRpc.Export,
            // An application with its texts is up to ~10 kB: 50 keep a batch well under NATS's 1 MB.
            { actor, query, batch: { after, limit: 50 } },
          );
          await this.staffNames.fill(batch.items);
          return batch;
        }),
      );
    }
    const page = await this.rpc.request<Page<ApplicationView>, ListApplicationsCommand>(
      ApplicationsRpc.List,
      { actor, query },
    );
    // List items carry no timeline today; should they, their names are filled like the others.
    await this.staffNames.fill(page.items);
    return page;
  }

  @Get(':id')
  @Roles('loan_officer', 'fund_manager', 'enterprise')
  @ApiRoute({
    summary: 'Get an application',
    description: 'An enterprise reads only its own applications.',
    response: {
      type: ApplicationResponse,
      description: 'The application with its score, decision and timeline',
    },
    errors: {
      403: "Another enterprise's application (APPLICATION_NOT_YOURS)",
      404: 'No such application (APPLICATION_NOT_FOUND)',
    },
  })
  async get(
    @Param('id', UuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    const application = await this.rpc.request<ApplicationView, GetApplicationQuery>(
      ApplicationsRpc.Get,
      { actor, id },
    );
    return this.staffNames.fill(application);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('loan_officer', 'fund_manager')
  @ApiRoute({
    summary: 'Decide an application',
    description:
      'A loan officer approves (possibly with another amount or term), rejects or asks for information; ' +
      '`reason` is required to reject or ask. An approval above PEN 10,000 waits for a fund manager, ' +
      'who approves or rejects it as it is.',
    response: { type: ApplicationResponse, description: 'The application after the decision' },
    errors: {
      403: 'A first decision by a fund manager, a second approval by an officer or by the first approver (ROLE_MAY_NOT_DECIDE, SAME_APPROVER)',
      404: 'No such application (APPLICATION_NOT_FOUND)',
      409: 'The application is not waiting for this decision (NOT_AWAITING_DECISION)',
      422: 'An amount or term outside the product limits (OUTSIDE_PRODUCT_LIMITS)',
    },
  })
  async decide(
    @Param('id', UuidPipe) id: string,
    @Body() body: DecideApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    const decided = await this.rpc.request<ApplicationView, DecideApplicationCommand>(
      ApplicationsRpc.Decide,
      { actor, id, body },
    );
    return this.staffNames.fill(decided);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('loan_officer')
  @ApiRoute({
    summary: 'Resubmit an application',
    description:
      'After a request for information: the application goes back to `submitted` and is scored again, ' +
      'with a corrected request or cash flow if the family’s answer changed them.',
    response: { type: ApplicationResponse, description: 'The application, submitted again' },
    errors: {
      404: 'No such application (APPLICATION_NOT_FOUND)',
      409: 'The application is not waiting for information (NOT_AWAITING_DECISION)',
      422: 'Outside the product limits (OUTSIDE_PRODUCT_LIMITS), or a grant above the rules (GRANT_NOT_ALLOWED)',
    },
  })
  async resubmit(
    @Param('id', UuidPipe) id: string,
    @Body() body: ResubmitApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ApplicationView> {
    const resubmitted = await this.rpc.request<ApplicationView, ResubmitApplicationCommand>(
      ApplicationsRpc.Resubmit,
      { actor, id, body },
    );
    return this.staffNames.fill(resubmitted);
  }
}
