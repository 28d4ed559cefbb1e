import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ApiDecimal, ApiInteger, ApiMoney } from '../openapi/api-fields';
import { ImpactSegmentView, PortfolioImpactView } from './impact.rpc';

export class ImpactSegmentResponse implements ImpactSegmentView {
  @ApiInteger({ minimum: 0, description: 'Distinct enterprises with a loan paid out in it' })
  enterprises: number;
  @ApiInteger({ minimum: 0, description: 'Of them, women-led' }) womenLed: number;
  @ApiMoney({ description: 'Σ principal of its loans paid out' }) disbursed: string;
}

export class ImpactTargetResponse {
  @ApiInteger({ minimum: 1, description: 'Enterprises the programme set out to finance' })
  enterprises: number;
}

export class GrantsPaidResponse {
  @ApiInteger({ minimum: 0, description: 'Loans paid out with a matching grant' }) count: number;
  @ApiMoney({ description: 'Σ the grants paid' }) amount: string;
}

const impactSegments = (description: string) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ImpactSegmentResponse) },
    description,
  });

/** GET /api/portfolio/impact. */
@ApiExtraModels(ImpactSegmentResponse)
export class PortfolioImpactResponse implements PortfolioImpactView {
  @ApiProperty({ type: ImpactTargetResponse }) target: ImpactTargetResponse;
  @ApiInteger({ minimum: 0, description: 'Distinct enterprises ever paid out' })
  enterprisesFinanced: number;
  @ApiInteger({ minimum: 0 }) womenLed: number;
  @ApiDecimal('0.4583', { description: 'womenLed ÷ enterprisesFinanced, 4 places' })
  womenLedShare: string;
  @ApiInteger({ minimum: 0, description: "Loans that were an enterprise's first" })
  firstLoan: number;
  @ApiInteger({ minimum: 0, description: "Loans that were an enterprise's second or later" })
  repeatLoan: number;
  @ApiProperty({ type: GrantsPaidResponse }) grants: GrantsPaidResponse;
  @impactSegments('By value chain (dairy, cheese, …)') byValueChain: Record<
    string,
    ImpactSegmentResponse
  >;
  @impactSegments('By municipality') byMunicipality: Record<string, ImpactSegmentResponse>;
}
