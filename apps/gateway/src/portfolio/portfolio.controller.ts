import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PortfolioHistoryQuery, PortfolioRpc, PortfolioSummaryView } from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { Roles } from '../auth/decorators/auth.decorators';

@ApiTags('portfolio')
@ApiBearerAuth()
@Roles('fund_manager', 'admin')
@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('summary')
  @ApiOkResponse({
    description: 'Gross portfolio, PAR, classification and provisions, breakdowns, concentration',
  })
  summary(): Promise<PortfolioSummaryView> {
    return this.rpc.request<PortfolioSummaryView>(PortfolioRpc.Summary, {});
  }

  @Get('history')
  @ApiOkResponse({
    description: 'One summary per close of business between from and to (inclusive), oldest first',
  })
  history(@Query() query: PortfolioHistoryQuery): Promise<PortfolioSummaryView[]> {
    return this.rpc.request<PortfolioSummaryView[], PortfolioHistoryQuery>(
      PortfolioRpc.History,
      query,
    );
  }
}
