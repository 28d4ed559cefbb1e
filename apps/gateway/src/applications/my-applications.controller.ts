import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApplicationsRpc,
  ApplicationView,
  ListOwnApplicationsQuery,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';

/** What a family sees after signing in with its reference and PIN (an addition to API.md). */
@ApiTags('enterprise')
@ApiBearerAuth()
@Controller('me')
export class MyApplicationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('applications')
  @Roles('enterprise')
  @ApiOkResponse({
    description: "The signed-in enterprise's applications with their timelines, newest first",
  })
  list(@CurrentActor() actor: Actor): Promise<ApplicationView[]> {
    return this.rpc.request<ApplicationView[], ListOwnApplicationsQuery>(ApplicationsRpc.ListOwn, {
      actor,
    });
  }
}
