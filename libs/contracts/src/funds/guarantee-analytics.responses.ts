import { ApiProperty } from '@nestjs/swagger';
import { Classification } from '../loans/loan.enums';
import { ApiDate, ApiDecimal, ApiInteger, ApiMoney } from '../openapi/api-fields';
import {
  GuaranteeAnalyticsView,
  GuaranteeStressView,
  GuaranteeVintageView,
  StressClassView,
} from './guarantee-analytics.rpc';

export class CountAndAmountResponse {
  @ApiInteger({ minimum: 0 }) count: number;
  @ApiMoney() amount: string;
}

export class GuaranteeVintageResponse implements GuaranteeVintageView {
  @ApiProperty({
    example: '2026-08',
    pattern: '^\\d{4}-\\d{2}$',
    description: 'Month of disbursement',
  })
  month: string;
  @ApiInteger({ minimum: 0 }) loans: number;
  @ApiMoney({ description: 'Σ principal at disbursement' }) principal: string;
  @ApiMoney({ description: 'Σ outstanding principal of its active and claimed loans' })
  outstanding: string;
  @ApiDecimal('0.0210', {
    description: 'Outstanding of its loans more than 30 days past due ÷ its outstanding, 4 places',
  })
  par30: string;
  @ApiInteger({ minimum: 0, description: 'Its loans claimed from the guarantee fund' })
  claimed: number;
  @ApiMoney({ description: 'What the fund paid for those claims' }) claimedAmount: string;
}

/** GET /api/funds/guarantee/analytics. */
export class GuaranteeAnalyticsResponse implements GuaranteeAnalyticsView {
  @ApiDate({ nullable: true, description: 'The business date the figures are as of' })
  asOf: string | null;
  @ApiProperty({
    type: CountAndAmountResponse,
    description:
      'Every loan ever paid out, and Σ coverage × principal at disbursement (each loan rounded to the céntimo)',
  })
  guaranteesIssued: CountAndAmountResponse;
  @ApiProperty({ type: CountAndAmountResponse, description: 'Claims paid by the fund' })
  claims: CountAndAmountResponse;
  @ApiMoney({ description: "The fund's share of repayments made after its claims" })
  recoveries: string;
  @ApiDecimal('0.0125', { description: 'Claims amount ÷ guarantees issued amount, 4 places' })
  claimsRatio: string;
  @ApiDecimal('0.3500', {
    description: 'Recoveries ÷ claims amount, 4 places ("0.0000" with no claims)',
  })
  recoveryRate: string;
  @ApiMoney({ description: 'Claims − recoveries' }) netLoss: string;
  @ApiProperty({
    type: [GuaranteeVintageResponse],
    description: 'The loans disbursed in each month, oldest first',
  })
  vintages: GuaranteeVintageResponse[];
}

export class StressRatesResponse implements Record<Classification, string> {
  @ApiDecimal('0.01') normal: string;
  @ApiDecimal('0.05') cpp: string;
  @ApiDecimal('0.25') deficiente: string;
  @ApiDecimal('0.60') dudoso: string;
  @ApiDecimal('1.00') perdida: string;
}

export class StressClassResponse implements StressClassView {
  @ApiInteger({ minimum: 0, description: 'Active loans of the class (guarantee not claimed)' })
  loans: number;
  @ApiMoney({ description: 'Σ coverage × outstanding of those loans, each rounded' })
  guaranteed: string;
  @ApiDecimal('0.05') rate: string;
  @ApiMoney({ description: 'Guaranteed × rate, rounded once' }) projectedClaims: string;
}

export class StressByClassificationResponse implements Record<Classification, StressClassView> {
  @ApiProperty({ type: StressClassResponse }) normal: StressClassResponse;
  @ApiProperty({ type: StressClassResponse }) cpp: StressClassResponse;
  @ApiProperty({ type: StressClassResponse }) deficiente: StressClassResponse;
  @ApiProperty({ type: StressClassResponse }) dudoso: StressClassResponse;
  @ApiProperty({ type: StressClassResponse }) perdida: StressClassResponse;
}

/** GET /api/funds/guarantee/stress. */
export class GuaranteeStressResponse implements GuaranteeStressView {
  @ApiProperty({ type: StressRatesResponse, description: 'The rates used, per SBS class' })
  rates: StressRatesResponse;
  @ApiMoney({ description: 'Σ per class of guaranteed × rate, each rounded to the céntimo' })
  projectedClaims: string;
  @ApiDecimal('4474.88', {
    description: 'Available capital − projected claims, 2 places (below zero if they exceed it)',
  })
  availableCapitalAfter: string;
  @ApiMoney({ description: 'Exposure − projected claims' }) exposureAfter: string;
  @ApiDecimal('4.20', { description: 'exposureAfter ÷ availableCapitalAfter, 2 places' })
  leverageAfter: string;
  @ApiProperty({ description: 'exposureAfter ≤ leverage limit × availableCapitalAfter' })
  withinLimit: boolean;
  @ApiProperty({ type: StressByClassificationResponse, description: 'The figures of each class' })
  byClassification: StressByClassificationResponse;
}
