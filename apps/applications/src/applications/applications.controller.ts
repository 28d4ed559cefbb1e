import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApplicationEvents,
  ApplicationScoredEvent,
  ApplicationsRpc,
  AuthenticateEnterpriseCommand,
  CreateApplicationCommand,
  DecideApplicationCommand,
  FindReferenceQuery,
  ExportApplicationsCommand,
  GetApplicationQuery,
  ListApplicationsCommand,
  ListOwnApplicationsQuery,
  LoanDisbursedEvent,
  LoanEvents,
  LoanReprogrammedEvent,
  LoanWaitlistedEvent,
  ResubmitApplicationCommand,
} from '@qollqa/contracts';
import { ApplicationQueries } from './services/application-queries.service';
import { AuthenticateEnterpriseService } from './services/authenticate-enterprise.service';
import { CreateApplicationService } from './services/create-application.service';
import { DecideApplicationService } from './services/decide-application.service';
import { FindReferenceService } from './services/find-reference.service';
import { RecordDisbursementService } from './services/record-disbursement.service';
import { RecordReprogrammingService } from './services/record-reprogramming.service';
import { RecordScoreService } from './services/record-score.service';
import { ResubmitApplicationService } from './services/resubmit-application.service';

/** The applications service's NATS edge: commands and queries from the gateway, events from others. */
@Controller()
export class ApplicationsController {
  constructor(
    private readonly createApplication: CreateApplicationService,
    private readonly decideApplication: DecideApplicationService,
    private readonly recordScore: RecordScoreService,
    private readonly recordDisbursement: RecordDisbursementService,
    private readonly recordReprogramming: RecordReprogrammingService,
    private readonly resubmitApplication: ResubmitApplicationService,
    private readonly authenticateEnterprise: AuthenticateEnterpriseService,
    private readonly findReference: FindReferenceService,
    private readonly queries: ApplicationQueries,
  ) {}

  @MessagePattern(ApplicationsRpc.Create)
  create(@Payload() command: CreateApplicationCommand) {
    return this.createApplication.execute(command);
  }

  @MessagePattern(ApplicationsRpc.Get)
  get(@Payload() query: GetApplicationQuery) {
    return this.queries.get(query.actor, query.id);
  }

  @MessagePattern(ApplicationsRpc.List)
  list(@Payload() command: ListApplicationsCommand) {
    return this.queries.list(command.query);
  }

  @MessagePattern(ApplicationsRpc.Export)
  export(@Payload() command: ExportApplicationsCommand) {
    return this.queries.batch(command.query, command.batch);
  }

  @MessagePattern(ApplicationsRpc.ListOwn)
  listOwn(@Payload() query: ListOwnApplicationsQuery) {
    return this.queries.ofEnterprise(query.actor);
  }

  @MessagePattern(ApplicationsRpc.Decide)
  decide(@Payload() command: DecideApplicationCommand) {
    return this.decideApplication.execute(command);
  }

  @MessagePattern(ApplicationsRpc.Resubmit)
  resubmit(@Payload() command: ResubmitApplicationCommand) {
    return this.resubmitApplication.execute(command);
  }

  @MessagePattern(ApplicationsRpc.AuthenticateEnterprise)
  authenticate(@Payload() command: AuthenticateEnterpriseCommand) {
    return this.authenticateEnterprise.execute(command);
  }

  @MessagePattern(ApplicationsRpc.FindReference)
  find(@Payload() query: FindReferenceQuery) {
    return this.findReference.execute(query);
  }

  @EventPattern(ApplicationEvents.Scored)
  onScored(@Payload() event: ApplicationScoredEvent) {
    return this.recordScore.execute(event);
  }

  @EventPattern(LoanEvents.Waitlisted)
  onWaitlisted(@Payload() event: LoanWaitlistedEvent) {
    return this.recordDisbursement.waitlisted(event);
  }

  @EventPattern(LoanEvents.Disbursed)
  onDisbursed(@Payload() event: LoanDisbursedEvent) {
    return this.recordDisbursement.disbursed(event);
  }

  @EventPattern(LoanEvents.Reprogrammed)
  onReprogrammed(@Payload() event: LoanReprogrammedEvent) {
    return this.recordReprogramming.execute(event);
  }
}
