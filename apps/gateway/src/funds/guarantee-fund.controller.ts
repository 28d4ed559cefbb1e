import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  GuaranteeAnalyticsResponse,
  GuaranteeAnalyticsRpc,
  GuaranteeAnalyticsView,
  GuaranteeStressQuery,
  GuaranteeStressResponse,
  GuaranteeStressView,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';

/** What the guarantee fund has taken on and what it would take: its analytics and stress test. */
@ApiTags('funds')
@ApiBearerAuth()
@Roles('fund_manager', 'admin')
@Controller('funds/guarantee')
export class GuaranteeFundController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('analytics')
  @ApiRoute({
    summary: 'Get the guarantee fund analytics',
    description:
      'Guarantees issued (Σ coverage × principal at disbursement, each loan rounded to the céntimo) over every loan ' +
      'ever paid out, claims, recoveries, the claims ratio (claims ÷ guarantees issued), the recovery rate ' +
      '(recoveries ÷ claims), the net loss (claims − recoveries), and one vintage per month of disbursement, ' +
      'oldest first: its loans, principal, outstanding, PAR30 and claims. Ratios have 4 places.',
    response: { type: GuaranteeAnalyticsResponse, description: 'The guarantee fund analytics' },
  })
  analytics(): Promise<GuaranteeAnalyticsView> {
    return this.rpc.request<GuaranteeAnalyticsView>(GuaranteeAnalyticsRpc.Analytics, {});
  }

  @Get('stress')
  @ApiRoute({
    summary: 'Stress-test the guarantee fund',
    description:
      'For each SBS class, the guaranteed amount of its active loans (Σ coverage × outstanding, each loan rounded) ' +
      'times the class rate (0–1; defaults 0.01, 0.05, 0.25, 0.60, 1.00), rounded per class and summed into the ' +
      'projected claims; then the fund after paying them: available capital and exposure less the projected ' +
      'claims, their leverage (2 places) and whether the fund stays within its leverage limit. A rate that is not ' +
      'a decimal from 0 to 1 → 400.',
    response: { type: GuaranteeStressResponse, description: 'The fund after the projected claims' },
  })
  stress(@Query() query: GuaranteeStressQuery): Promise<GuaranteeStressView> {
    return this.rpc.request<GuaranteeStressView, GuaranteeStressQuery>(
      GuaranteeAnalyticsRpc.Stress,
      query,
    );
  }
}
