import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ApplicationResponse,
  ApplicationsRpc,
  ApplicationView,
  ListOwnApplicationsQuery,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';
import { StaffNames } from '../users/services/staff-names.service';

/** What a family sees after signing in with its reference and PIN (an addition to API.md). */
@ApiTags('enterprise')
@ApiBearerAuth()
@Controller('me')
export class MyApplicationsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly staffNames: StaffNames,
  ) {}

  @Get('applications')
  @Roles('enterprise')
  @ApiRoute({
    summary: "List the family's own applications",
    description:
      'The applications of the signed-in enterprise, with their timelines, newest first.',
    response: { type: [ApplicationResponse], description: 'Its applications' },
  })
  async list(@CurrentActor() actor: Actor): Promise<ApplicationView[]> {
    const applications = await this.rpc.request<ApplicationView[], ListOwnApplicationsQuery>(
      ApplicationsRpc.ListOwn,
      { actor },
    );
    return this.staffNames.fill(applications);
  }
}
