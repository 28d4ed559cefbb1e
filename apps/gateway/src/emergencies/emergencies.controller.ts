import { Body, Controller, Get, Headers, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  DeclareEmergencyCommand,
  DeclareEmergencyDto,
  EmergencyPage,
  EmergencyResponse,
  EmergencyView,
  ListEmergenciesCommand,
  Page,
  PageQuery,
  RepaymentRpc,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.interceptor';
import { ApiRoute } from '../openapi/api-route.decorator';
import { EMERGENCY_RPC } from './emergency.rpc';

@ApiTags('emergencies')
@ApiBearerAuth()
@Controller('emergencies')
export class EmergenciesController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(EMERGENCY_RPC) private readonly emergencyRpc: RpcClient,
  ) {}

  @Post()
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Declare an emergency',
    description:
      'Every active loan of the named districts (municipalities, case ignored; and value chains, when given) is ' +
      'reprogrammed with the same extension and grace, as POST /api/loans/{id}/reprogramming would (each loan in ' +
      'its own transaction, with its own loan.reprogrammed); the open loans that are not eligible are listed in ' +
      '`skipped` with why. With an Idempotency-Key it is done once: the same request again returns it, and after ' +
      'a failure half-way (a 5xx) the same request again finishes it — no loan twice, none forgotten.',
    response: {
      status: 201,
      type: EmergencyResponse,
      description: 'The emergency, the loans it reprogrammed and those it skipped',
    },
    errors: {
      422:
        'declaredOn after the business date (DECLARED_AFTER_BUSINESS_DATE); the Idempotency-Key of another ' +
        'emergency (IDEMPOTENCY_KEY_REUSED)',
    },
  })
  declare(
    @Body() body: DeclareEmergencyDto,
    @CurrentActor() actor: Actor,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<EmergencyView> {
    return this.emergencyRpc.request<EmergencyView, DeclareEmergencyCommand>(
      RepaymentRpc.DeclareEmergency,
      { actor, idempotencyKey, body },
    );
  }

  @Get()
  @Roles('fund_manager', 'admin')
  @ApiRoute({
    summary: 'List emergencies',
    description: 'Newest first, each with the loans it reprogrammed and those it skipped.',
    response: { type: EmergencyPage, description: 'A page of emergencies' },
  })
  list(@Query() query: PageQuery, @CurrentActor() actor: Actor): Promise<Page<EmergencyView>> {
    return this.rpc.request<Page<EmergencyView>, ListEmergenciesCommand>(
      RepaymentRpc.ListEmergencies,
      { actor, query },
    );
  }
}
