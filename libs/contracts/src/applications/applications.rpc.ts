import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { BatchRequest } from '../exports/batch';
import { SearchPageQuery } from '../validation/page-query';
import { APPLICATION_STATUSES, ApplicationStatus } from './application.enums';
import { CreateApplicationDto } from './create-application.dto';
import { DecideApplicationDto, ResubmitApplicationDto } from './decide-application.dto';

/** Request–reply patterns the applications service answers. */
export const ApplicationsRpc = {
  Create: 'applications.create',
  Get: 'applications.get',
  List: 'applications.list',
  Decide: 'applications.decide',
  AuthenticateEnterprise: 'applications.authenticate-enterprise',
  ListOwn: 'applications.list-own',
  Resubmit: 'applications.resubmit',
  FindReference: 'applications.find-reference',
  /** Every application of GET /api/applications's filters, in batches (a CSV export). */
  Export: 'applications.export',
} as const;

/** Query string of GET /api/applications. */
export class ListApplicationsQuery extends SearchPageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class CreateApplicationCommand extends ActorCommand {
  @IsOptional() @IsString() idempotencyKey?: string;
  @IsDefined() @ValidateNested() @Type(() => CreateApplicationDto) body: CreateApplicationDto;
}

export class GetApplicationQuery extends ActorCommand {
  @IsUUID() id: string;
}

/** An enterprise's own applications (the actor must be an enterprise). */
export class ListOwnApplicationsQuery extends ActorCommand {}

export class ListApplicationsCommand extends ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => ListApplicationsQuery) query: ListApplicationsQuery;
}

/** A batch of GET /api/applications's rows with its filters (page and pageSize are not used). */
export class ExportApplicationsCommand extends ListApplicationsCommand {
  @IsDefined() @ValidateNested() @Type(() => BatchRequest) batch: BatchRequest;
}

export class DecideApplicationCommand extends ActorCommand {
  @IsUUID() id: string;
  @IsDefined() @ValidateNested() @Type(() => DecideApplicationDto) body: DecideApplicationDto;
}

export class ResubmitApplicationCommand extends ActorCommand {
  @IsUUID() id: string;
  @IsDefined() @ValidateNested() @Type(() => ResubmitApplicationDto) body: ResubmitApplicationDto;
}

export class AuthenticateEnterpriseCommand {
  @IsString() reference: string;
  @IsString() pin: string;
}

/** Whether a reference someone tried to sign in with exists (for the audit trail's actor). */
export class FindReferenceQuery {
  @IsString() @MaxLength(200) reference: string;
}

export interface FoundReference {
  /** The reference as stored (QL-7K4M2P), or null when no application has it. */
  reference: string | null;
}

export interface AuthenticatedEnterprise {
  enterpriseId: string;
  reference: string;
}
