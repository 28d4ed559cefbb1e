import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  FundMovementCommand,
  FundMovementDto,
  FundsRpc,
  FundsView,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';

const idempotencyHeader = { name: 'Idempotency-Key', required: false };

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('fund_manager', 'admin')
  @ApiOkResponse({ description: 'Guarantee fund, innovation fund and lending pool figures' })
  get(): Promise<FundsView> {
    return this.rpc.request<FundsView>(FundsRpc.Get, {});
  }

  @Post('guarantee/capital')
  @Roles('fund_manager')
  @ApiHeader(idempotencyHeader)
  @ApiCreatedResponse({ description: 'The funds after the capital injection' })
  @ApiConflictResponse({ description: 'The reference was already used for another amount' })
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
  @ApiHeader(idempotencyHeader)
  @ApiCreatedResponse({ description: 'The funds after the budget is added' })
  @ApiConflictResponse({ description: 'The reference was already used for another amount' })
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
