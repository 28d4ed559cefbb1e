import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PortfolioHistoryQuery,
  PortfolioRpc,
  PortfolioSummaryResponse,
  PortfolioSummaryView,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';

@ApiTags('portfolio')
@ApiBearerAuth()
@Roles('fund_manager', 'admin')
@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('summary')
  @ApiRoute({
    summary: 'Get the portfolio summary',
    description:
      'Gross portfolio (active and claimed loans), PAR1/30/90, SBS classes and provisions, breakdowns by value chain ' +
      'and municipality, concentration and its alerts.',
    response: {
      type: PortfolioSummaryResponse,
      description: 'The portfolio as of the business date',
    },
  })
  summary(): Promise<PortfolioSummaryView> {
    return this.rpc.request<PortfolioSummaryView>(PortfolioRpc.Summary, {});
  }

  @Get('history')
  @ApiRoute({
    summary: 'Get the portfolio history',
    description:
      'The summary kept at each close of business between from and to (inclusive), oldest first.',
    response: {
      type: [PortfolioSummaryResponse],
      description: 'One summary per close of business',
    },
  })
  history(@Query() query: PortfolioHistoryQuery): Promise<PortfolioSummaryView[]> {
    return this.rpc.request<PortfolioSummaryView[], PortfolioHistoryQuery>(
      PortfolioRpc.History,
      query,
    );
  }
}
