import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ApiDate, ApiDecimal, ApiInteger, ApiMoney, ApiUuid } from '../openapi/api-fields';
import { ConcentrationView, PortfolioSummaryView, SegmentView } from './portfolio.rpc';

type ClassificationCell = PortfolioSummaryView['byClassification']['normal'];
type Thresholds = ConcentrationView['thresholds'];
type GuaranteeFundPosition = NonNullable<ConcentrationView['guaranteeFund']>;

export class ClassificationCellResponse implements ClassificationCell {
  @ApiInteger({ minimum: 0 }) loans: number;
  @ApiMoney() outstanding: string;
  @ApiMoney({ description: 'SBS provision for the class, rounded once' }) provision: string;
}

/** One row per SBS class. */
export class ByClassificationResponse implements Record<
  keyof PortfolioSummaryView['byClassification'],
  ClassificationCell
> {
  @ApiProperty({ type: ClassificationCellResponse }) normal: ClassificationCellResponse;
  @ApiProperty({ type: ClassificationCellResponse }) cpp: ClassificationCellResponse;
  @ApiProperty({ type: ClassificationCellResponse }) deficiente: ClassificationCellResponse;
  @ApiProperty({ type: ClassificationCellResponse }) dudoso: ClassificationCellResponse;
  @ApiProperty({ type: ClassificationCellResponse }) perdida: ClassificationCellResponse;
}

export class SegmentResponse implements SegmentView {
  @ApiInteger({ minimum: 0 }) loans: number;
  @ApiMoney() outstanding: string;
  @ApiDecimal('0.0210', { description: 'PAR30 of the segment, 4 places' }) par30: string;
}

export class NamedShareResponse {
  @ApiProperty({ example: 'dairy' }) name: string;
  @ApiDecimal('0.4100') share: string;
}

export class LoanShareResponse {
  @ApiUuid() loanId: string;
  @ApiDecimal('0.0320') share: string;
}

export class GuaranteeFundPositionResponse implements GuaranteeFundPosition {
  @ApiMoney() availableCapital: string;
  @ApiMoney() exposure: string;
  @ApiDecimal('4.20') leverage: string;
  @ApiDecimal('8.00') leverageLimit: string;
  @ApiDecimal('0.5250', { description: 'Leverage ÷ its limit: 1 means the fund can take no more' })
  limitUsed: string;
}

export class ConcentrationThresholdsResponse implements Thresholds {
  @ApiDecimal('0.60') valueChainShare: string;
  @ApiDecimal('0.50') municipalityShare: string;
  @ApiDecimal('0.05') loanShare: string;
  @ApiDecimal('0.80') limitUsed: string;
}

export class ConcentrationResponse implements ConcentrationView {
  @ApiProperty({ type: NamedShareResponse, nullable: true })
  largestValueChain: NamedShareResponse | null;
  @ApiProperty({ type: NamedShareResponse, nullable: true })
  largestMunicipality: NamedShareResponse | null;
  @ApiProperty({ type: LoanShareResponse, nullable: true }) largestLoan: LoanShareResponse | null;
  @ApiProperty({ type: GuaranteeFundPositionResponse, nullable: true })
  guaranteeFund: GuaranteeFundPositionResponse | null;
  @ApiProperty({ type: ConcentrationThresholdsResponse })
  thresholds: ConcentrationThresholdsResponse;
  @ApiProperty({
    type: [String],
    example: ['VALUE_CHAIN_CONCENTRATION'],
    description:
      'What crossed its threshold: VALUE_CHAIN_CONCENTRATION, MUNICIPALITY_CONCENTRATION, SINGLE_LOAN_CONCENTRATION, LEVERAGE_NEAR_LIMIT',
  })
  alerts: string[];
}

const segmentsByName = (description: string) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(SegmentResponse) },
    description,
  });

export class ReprogrammedLoansResponse {
  @ApiInteger({
    minimum: 0,
    description: 'Loans in the gross portfolio reprogrammed at least once',
  })
  loans: number;
  @ApiMoney({ description: 'Their outstanding principal' }) outstanding: string;
}

/** GET /api/portfolio/summary, and each row of GET /api/portfolio/history. */
@ApiExtraModels(SegmentResponse)
export class PortfolioSummaryResponse implements PortfolioSummaryView {
  @ApiDate({ nullable: true, description: 'The business date of the figures' })
  asOf: string | null;
  @ApiInteger({ minimum: 0, description: 'Loans in the gross portfolio (active and claimed)' })
  activeLoans: number;
  @ApiMoney() grossPortfolio: string;
  @ApiDecimal('0.0412') par1: string;
  @ApiDecimal('0.0210') par30: string;
  @ApiDecimal('0.0050') par90: string;
  @ApiProperty({ type: ByClassificationResponse }) byClassification: ByClassificationResponse;
  @ApiMoney() provisionRequired: string;
  @segmentsByName('By value chain (dairy, cheese, …)') byValueChain: Record<
    string,
    SegmentResponse
  >;
  @segmentsByName('By municipality') byMunicipality: Record<string, SegmentResponse>;
  @ApiInteger({ minimum: 0, description: 'Distinct enterprises ever paid out' })
  enterprisesFinanced: number;
  @ApiInteger({ minimum: 0 }) womenLed: number;
  @ApiProperty({ type: ConcentrationResponse }) concentration: ConcentrationResponse;
  @ApiProperty({
    type: ReprogrammedLoansResponse,
    description:
      'Active and claimed loans reprogrammed at least once (SBS emergency reprogramming)',
  })
  reprogrammed: ReprogrammedLoansResponse;
}
