import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  ApiDate,
  ApiDateTime,
  ApiDecimal,
  ApiInteger,
  ApiMoney,
  ApiUuid,
  PageOf,
} from '../openapi/api-fields';
import {
  APPLICATION_STATUSES,
  ApplicationStatus,
  DECISIONS,
  DecisionKind,
  Grade,
  Recommendation,
  VALUE_CHAINS,
  ValueChain,
} from './application.enums';
import {
  ApplicationView,
  CreatedApplicationView,
  DecisionView,
  ScoreView,
  TimelineEntryView,
} from './application.view';
import { REPROGRAMMING_REASONS, ReprogrammingReason } from '../loans/loan.enums';
import {
  GrantRefusal,
  GrantRefusalCode,
  TimelineDetail,
  WAITLIST_REASONS,
  WaitlistReasonCode,
} from './timeline-detail';

// The answers of the applications routes, as classes for the OpenAPI document. Each implements its
// view, so a field added to a view and not here does not compile.

export class ScoreResponse implements ScoreView {
  @ApiInteger({ minimum: 0, maximum: 100, example: 80 }) value: number;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'] }) grade: Grade;
  @ApiProperty({ enum: ['approve', 'review', 'decline'] }) recommendation: Recommendation;
  @ApiProperty({ type: [String], example: ['CAPACITY', 'NO_HISTORY'] }) reasons: string[];
  @ApiMoney({ example: '379.03' }) installment: string;
  @ApiMoney({ example: '1100.00' }) netSurplus: string;
  @ApiMoney({ example: '6965.14' }) maxAffordableAmount: string;
  @ApiProperty({ example: 'v1' }) scorecardVersion: string;
  @ApiDecimal('0.1965', {
    nullable: true,
    description:
      'TCEA of the requested amount, term and grace, less the guarantee fee the fund would charge ' +
      '(1.5 % of 70 %, or 50 % with collateral, of the amount), 4 places; null on a score made before it was computed',
  })
  tcea: string | null;
}

export class DecisionResponse implements DecisionView {
  @ApiProperty({ enum: DECISIONS }) decision: DecisionKind;
  @ApiMoney({ nullable: true, description: 'The approved amount (null unless approved)' })
  amount: string | null;
  @ApiInteger({ nullable: true }) termMonths: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 'officer' }) by: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Rosa Huamán',
    description: 'The display name of the staff member who decided',
  })
  byName: string | null;
  @ApiDateTime() at: string;
  @ApiProperty({ type: String, nullable: true, example: 'manager' }) secondApprovalBy:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Elena Quispe',
    description: 'The display name of the fund manager who gave the second approval',
  })
  secondApprovalByName: string | null;
}

// What the system did at a step of the timeline (`detail`), one schema per `code`.

export class ScoredDetailResponse {
  @ApiProperty({ enum: ['SCORED'] }) code: 'SCORED';
  @ApiInteger({ minimum: 0, maximum: 100, example: 71 }) score: number;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'] }) grade: Grade;
  @ApiProperty({ enum: ['approve', 'review', 'decline'] }) recommendation: Recommendation;
}

export class SecondApprovalRequiredDetailResponse {
  @ApiProperty({ enum: ['SECOND_APPROVAL_REQUIRED'] }) code: 'SECOND_APPROVAL_REQUIRED';
  @ApiMoney({ example: '12500.00', description: 'The amount the loan officer approved' })
  amount: string;
  @ApiMoney({
    example: '10000.00',
    description: "Above this amount a fund manager's second approval is required",
  })
  threshold: string;
}

export class WaitlistedDetailResponse {
  @ApiProperty({ enum: ['WAITLISTED'] }) code: 'WAITLISTED';
  @ApiProperty({
    enum: WAITLIST_REASONS,
    description:
      "GUARANTEE_CAPACITY: the loan's guarantee does not fit under the guarantee fund's leverage limit; " +
      'QUEUE_AHEAD: it would fit, but approvals before it are waiting (first come, first served)',
  })
  reason: WaitlistReasonCode;
  @ApiMoney({
    required: false,
    example: '4200.00',
    description: "The exposure the loan's guarantee needs (coverage × principal)",
  })
  guarantee?: string;
  @ApiMoney({
    required: false,
    example: '4000.00',
    description:
      'GUARANTEE_CAPACITY: what the fund could still take on (leverage limit × capital − exposure)',
  })
  room?: string;
  @ApiInteger({
    required: false,
    minimum: 1,
    example: 1,
    description: 'QUEUE_AHEAD: how many approvals were waiting before it',
  })
  ahead?: number;
}

export class GrantEnterpriseLimitResponse {
  @ApiProperty({ enum: ['GRANT_ENTERPRISE_LIMIT'] }) code: 'GRANT_ENTERPRISE_LIMIT';
  @ApiMoney({ example: '3000.00' }) requested: string;
  @ApiMoney({ example: '5000.00', description: 'The most one enterprise may receive in grants' })
  limit: string;
  @ApiMoney({ example: '2000.00', description: 'What remained of it for this enterprise' })
  remaining: string;
}

export class GrantBudgetExhaustedResponse {
  @ApiProperty({ enum: ['GRANT_BUDGET_EXHAUSTED'] }) code: 'GRANT_BUDGET_EXHAUSTED';
  @ApiMoney({ example: '3000.00' }) requested: string;
  @ApiMoney({ example: '1000.00', description: "What was left of the innovation fund's budget" })
  available: string;
}

@ApiExtraModels(GrantEnterpriseLimitResponse, GrantBudgetExhaustedResponse)
export class DisbursedDetailResponse {
  @ApiProperty({ enum: ['DISBURSED'] }) code: 'DISBURSED';
  @ApiDate({ description: 'The business date of the payout' }) disbursedOn: string;
  @ApiMoney({ example: '6000.00' }) principal: string;
  @ApiMoney({ example: '63.00' }) guaranteeFee: string;
  @ApiMoney({ example: '3000.00', description: 'The matching grant paid with the loan' })
  grant: string;
  @ApiMoney({ example: '8937.00', description: 'What the family received' }) payout: string;
  @ApiMoney({ example: '3000.00' }) grantRequested: string;
  @ApiProperty({
    nullable: true,
    description: 'Why a requested grant was not given; null when it was, or none was requested',
    oneOf: [
      { $ref: getSchemaPath(GrantEnterpriseLimitResponse) },
      { $ref: getSchemaPath(GrantBudgetExhaustedResponse) },
    ],
    discriminator: {
      propertyName: 'code',
      mapping: {
        GRANT_ENTERPRISE_LIMIT: getSchemaPath(GrantEnterpriseLimitResponse),
        GRANT_BUDGET_EXHAUSTED: getSchemaPath(GrantBudgetExhaustedResponse),
      } satisfies Record<GrantRefusalCode, string>,
    },
  })
  grantRefusal: GrantRefusal | null;
}

export class ReprogrammedDetailResponse {
  @ApiProperty({ enum: ['REPROGRAMMED'] }) code: 'REPROGRAMMED';
  @ApiProperty({ enum: REPROGRAMMING_REASONS, description: 'Why the loan was reprogrammed' })
  reason: ReprogrammingReason;
  @ApiInteger({ minimum: 1, maximum: 6, example: 3, description: 'Months the term grew by' })
  extensionMonths: number;
  @ApiInteger({ minimum: 0, maximum: 6, example: 2, description: 'Interest-only months' })
  graceMonths: number;
  @ApiDate({ description: 'When the first installment of the new schedule falls due' })
  nextDueDate: string;
  @ApiMoney({ example: '83.33', description: 'What that installment is' })
  nextInstallment: string;
}

const DETAIL_SCHEMAS = {
  SCORED: ScoredDetailResponse,
  SECOND_APPROVAL_REQUIRED: SecondApprovalRequiredDetailResponse,
  WAITLISTED: WaitlistedDetailResponse,
  DISBURSED: DisbursedDetailResponse,
  REPROGRAMMED: ReprogrammedDetailResponse,
} satisfies Record<TimelineDetail['code'], unknown>;

@ApiExtraModels(...Object.values(DETAIL_SCHEMAS))
export class TimelineEntryResponse implements TimelineEntryView {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiDateTime() at: string;
  @ApiProperty({
    example: 'officer',
    description: "Who acted: a staff member's username, or `system`",
  })
  by: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Rosa Huamán',
    description: 'The display name of the staff member who acted; null when the system did',
  })
  byName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "A person's own words, or (noteBySystem) an English text the system wrote: read `detail` instead",
  })
  note: string | null;
  @ApiProperty({ description: '`note` was written by the system, not by a person' })
  noteBySystem: boolean;
  @ApiProperty({
    nullable: true,
    description:
      'What the system did at this step, as a code and its figures (amounts as decimal strings), ' +
      "so a client says it in its own language; null for a step that is only a person's",
    oneOf: Object.values(DETAIL_SCHEMAS).map((schema) => ({ $ref: getSchemaPath(schema) })),
    discriminator: {
      propertyName: 'code',
      mapping: Object.fromEntries(
        Object.entries(DETAIL_SCHEMAS).map(([code, schema]) => [code, getSchemaPath(schema)]),
      ),
    },
  })
  detail: TimelineDetail | null;
}

export class ApplicationEnterpriseResponse {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'Familia Quispe Mamani' }) name: string;
  @ApiProperty({ example: '45871236', description: 'DNI (8 digits) or RUC (11 digits)' })
  documentId: string;
  @ApiProperty({ example: 'Ocongate' }) municipality: string;
  @ApiProperty({ enum: VALUE_CHAINS }) valueChain: ValueChain;
  @ApiProperty() womenLed: boolean;
  @ApiProperty() associationMember: boolean;
  @ApiInteger({ minimum: 0, example: 6 }) yearsInActivity: number;
}

export class InnovationResponse {
  @ApiProperty({ example: 'Mechanical milking' }) description: string;
  @ApiMoney({ example: '7500.00' }) cost: string;
  @ApiMoney({ example: '3000.00' }) grantRequested: string;
}

export class LoanRequestResponse {
  @ApiMoney({ example: '6000.00' }) amount: string;
  @ApiInteger({ example: 18 }) termMonths: number;
  @ApiInteger({ example: 0 }) graceMonths: number;
  @ApiProperty({ example: 'Milking machine and cooling tank' }) purpose: string;
  @ApiMoney({ example: '0.00' }) collateralValue: string;
  @ApiProperty({ type: InnovationResponse, nullable: true })
  innovation: InnovationResponse | null;
}

export class CashflowResponse {
  @ApiMoney({ example: '3200.00' }) monthlyRevenue: string;
  @ApiMoney({ example: '1400.00' }) monthlyCosts: string;
  @ApiMoney({ example: '700.00' }) householdExpenses: string;
  @ApiMoney({ example: '0.00' }) otherDebtPayments: string;
}

export class ApplicationResponse implements ApplicationView {
  @ApiUuid() id: string;
  @ApiProperty({ example: 'QL-7K4M2P' }) reference: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiDateTime() createdAt: string;
  @ApiProperty({ type: ApplicationEnterpriseResponse }) enterprise: ApplicationEnterpriseResponse;
  @ApiProperty({ type: LoanRequestResponse }) request: LoanRequestResponse;
  @ApiProperty({ type: CashflowResponse }) cashflow: CashflowResponse;
  @ApiProperty({ type: ScoreResponse, nullable: true, description: 'null until scored' })
  score: ScoreResponse | null;
  @ApiProperty({ type: DecisionResponse, nullable: true }) decision: DecisionResponse | null;
  @ApiUuid({ nullable: true, description: 'The loan, once paid out' }) loanId: string | null;
  @ApiProperty({
    type: [TimelineEntryResponse],
    description: 'Oldest first; empty in list answers',
  })
  timeline: TimelineEntryResponse[];
}

export class CreatedApplicationResponse
  extends ApplicationResponse
  implements CreatedApplicationView
{
  @ApiProperty({
    pattern: '^\\d{6}$',
    example: '482915',
    description: "The family's PIN, shown this once (stored only as a hash)",
  })
  pin: string;
}

export class ApplicationPage extends PageOf(ApplicationResponse) {}
