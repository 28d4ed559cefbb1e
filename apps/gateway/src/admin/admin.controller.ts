import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  BusinessDateResponse,
  BusinessDateView,
  BusinessDayClosePageView,
  BusinessDayCloseView,
  CloseOfBusinessCommand,
  CloseOfBusinessDto,
  GetBusinessDateQuery,
  ListClosesCommand,
  ListClosesQuery,
  Page,
  RepaymentRpc,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';
import { CLOSE_OF_BUSINESS_RPC } from './close-of-business.rpc';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(CLOSE_OF_BUSINESS_RPC) private readonly closeRpc: RpcClient,
  ) {}

  @Post('close-of-business')
  @HttpCode(200)
  @Roles('admin')
  @ApiRoute({
    summary: 'Run the close of business',
    description:
      'Closes every business date after the current one up to and including `date` (each date on its own), ' +
      'ageing loans, accruing moratory interest and filing guarantee claims. The current date again: nothing to do.',
    response: { type: BusinessDateResponse, description: 'The new business date' },
    errors: {
      409: 'A date before the current business date (DATE_ALREADY_CLOSED)',
      422: 'More than 366 dates at once (TOO_MANY_DAYS); in production, a date that has not begun in Lima (DATE_IN_FUTURE)',
    },
  })
  closeOfBusiness(
    @Body() body: CloseOfBusinessDto,
    @CurrentActor() actor: Actor,
  ): Promise<BusinessDateView> {
    return this.closeRpc.request<BusinessDateView, CloseOfBusinessCommand>(
      RepaymentRpc.CloseOfBusiness,
      { actor, body },
    );
  }

  @Get('business-date')
  @Roles('loan_officer', 'fund_manager', 'admin')
  @ApiRoute({
    summary: 'Get the business date',
    response: { type: BusinessDateResponse, description: 'The date of the last close of business' },
  })
  businessDate(): Promise<BusinessDateView> {
    return this.rpc.request<BusinessDateView, GetBusinessDateQuery>(
      RepaymentRpc.GetBusinessDate,
      {},
    );
  }

  @Get('closes')
  @Roles('admin', 'fund_manager')
  @ApiOperation({
    summary: 'Close-of-business history',
    description:
      'Roles: admin, fund_manager. The closes of business that ran, newest first, between `from` and `to` ' +
      '(business dates, both included): how long each took, the open loans, the loans aged, the loans that ' +
      'changed class and the loans claimed.',
  })
  @ApiOkResponse({ type: BusinessDayClosePageView, description: 'The closes, newest first' })
  @ApiBadRequestResponse({ description: 'A date that is not a real YYYY-MM-DD, a bad page' })
  @ApiForbiddenResponse({ description: 'Any role but admin and fund_manager' })
  closes(
    @Query() query: ListClosesQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<BusinessDayCloseView>> {
    return this.rpc.request<Page<BusinessDayCloseView>, ListClosesCommand>(
      RepaymentRpc.ListCloses,
      { actor, query },
    );
  }
}
