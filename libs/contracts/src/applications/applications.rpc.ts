import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ActorCommand } from '../auth/actor';
import {
  APPLICATION_STATUSES,
  ApplicationStatus,
  VALUE_CHAINS,
  ValueChain,
} from './application.enums';
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
} as const;

/** Query string of GET /api/applications. */
export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ enum: VALUE_CHAINS })
  @IsOptional()
  @IsIn(VALUE_CHAINS)
  valueChain?: ValueChain;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/) municipality?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
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

export interface AuthenticatedEnterprise {
  enterpriseId: string;
  reference: string;
}
