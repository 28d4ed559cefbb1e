import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInteger, ApiMoney, ApiUuid, PageOf } from '../openapi/api-fields';
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
}

export class DecisionResponse implements DecisionView {
  @ApiProperty({ enum: DECISIONS }) decision: DecisionKind;
  @ApiMoney({ nullable: true, description: 'The approved amount (null unless approved)' })
  amount: string | null;
  @ApiInteger({ nullable: true }) termMonths: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 'officer' }) by: string;
  @ApiDateTime() at: string;
  @ApiProperty({ type: String, nullable: true, example: 'manager' }) secondApprovalBy:
    string | null;
}

export class TimelineEntryResponse implements TimelineEntryView {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiDateTime() at: string;
  @ApiProperty({ example: 'officer' }) by: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
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
