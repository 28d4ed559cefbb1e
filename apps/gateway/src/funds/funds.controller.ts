import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  FundMovementCommand,
  FundMovementDto,
  FundsResponse,
  FundsRpc,
  FundsView,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';

const REFERENCE_REUSED =
  'The reference was already used for another amount (FUND_REFERENCE_REUSED)';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('fund_manager', 'admin')
  @ApiRoute({
    summary: 'Get the funds',
    response: {
      type: FundsResponse,
      description: 'Guarantee fund, innovation fund and lending pool figures',
    },
  })
  get(): Promise<FundsView> {
    return this.rpc.request<FundsView>(FundsRpc.Get, {});
  }

  @Post('guarantee/capital')
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Add guarantee capital',
    description:
      'A transfer into the guarantee fund, known by its bank reference: the same reference and amount again ' +
      'changes nothing. New capital may let waitlisted loans be paid out.',
    response: { status: 201, type: FundsResponse, description: 'The funds after the transfer' },
    errors: { 409: REFERENCE_REUSED },
  })
  addGuaranteeCapital(
    @Body() body: FundMovementDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundsView> {
    return this.rpc.request<FundsView, FundMovementCommand>(FundsRpc.AddGuaranteeCapital, {
      actor,
      body,
    });
  }

  @Post('innovation/budget')
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Add innovation budget',
    description:
      'A transfer into the innovation fund, known by its bank reference: the same reference and amount again ' +
      'changes nothing.',
    response: { status: 201, type: FundsResponse, description: 'The funds after the transfer' },
    errors: { 409: REFERENCE_REUSED },
  })
  addInnovationBudget(
    @Body() body: FundMovementDto,
    @CurrentActor() actor: Actor,
  ): Promise<FundsView> {
    return this.rpc.request<FundsView, FundMovementCommand>(FundsRpc.AddInnovationBudget, {
      actor,
      body,
    });
  }
}
