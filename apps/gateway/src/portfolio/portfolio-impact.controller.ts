import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PortfolioImpactResponse,
  PortfolioImpactRpc,
  PortfolioImpactView,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';

/** The programme's reach: the enterprises it financed, against its goal. */
@ApiTags('portfolio')
@ApiBearerAuth()
@Roles('fund_manager', 'admin')
@Controller('portfolio')
export class PortfolioImpactController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('impact')
  @ApiRoute({
    summary: 'Get the programme impact',
    description:
      'Distinct enterprises ever paid out against the programme target, how many are women-led (and their share, ' +
      '4 places), loans that were an enterprise first or a repeat one, matching grants paid (count and amount), ' +
      'and by value chain and by municipality: enterprises, women-led and Σ principal disbursed.',
    response: { type: PortfolioImpactResponse, description: 'The programme impact' },
  })
  impact(): Promise<PortfolioImpactView> {
    return this.rpc.request<PortfolioImpactView>(PortfolioImpactRpc.Impact, {});
  }
}
