import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsUUID, ValidateNested } from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { IsBoundedText } from '../validation/money.validators';
import { PageQuery } from '../validation/page-query';
import { LoanAccountView } from './repayment.rpc';

// ---- HTTP bodies and queries ----

/** Query string of GET /api/loans/{id}/repayments. */
export class ListRepaymentsQuery extends PageQuery {}

/** Body of POST /api/loans/{id}/repayments/{repaymentId}/reversal. */
export class ReverseRepaymentDto {
  @IsBoundedText(2000, { example: 'Receipt typed as 400.00; the family paid 40.00' })
  reason: string;
}

// ---- Commands and queries over NATS ----

export class ListRepaymentsCommand extends ActorCommand {
  @IsUUID() loanId: string;
  @IsDefined() @ValidateNested() @Type(() => ListRepaymentsQuery) query: ListRepaymentsQuery;
}

export class ReverseRepaymentCommand extends ActorCommand {
  @IsUUID() loanId: string;
  @IsUUID() repaymentId: string;
  @IsDefined() @ValidateNested() @Type(() => ReverseRepaymentDto) body: ReverseRepaymentDto;
}

// ---- Answers (classes, so the OpenAPI document can describe them) ----

export class AllocatedAmountsView {
  @ApiProperty({ example: '0.00' }) moratoryInterest: string;
  @ApiProperty({ example: '13.89' }) interest: string;
  @ApiProperty({ example: '328.74' }) principal: string;
  @ApiProperty({ example: '0.00' }) prepayment: string;
}

export class RepaymentReversalView {
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Username of the fund manager who reversed it' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** One repayment of a loan as GET /api/loans/{id}/repayments lists it. */
export class RepaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RCPT-000123' }) externalRef: string;
  @ApiProperty({ example: '342.63' }) amount: string;
  @ApiProperty({ format: 'date', example: '2026-02-15' }) paidOn: string;
  @ApiProperty({ type: AllocatedAmountsView }) allocated: AllocatedAmountsView;
  @ApiProperty({ description: 'Username of who recorded it' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({
    type: RepaymentReversalView,
    nullable: true,
    description: 'null unless a fund manager reversed it',
  })
  reversal: RepaymentReversalView | null;
}

export class RepaymentPageView {
  @ApiProperty({ type: [RepaymentView] }) items: RepaymentView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

/** Answer of POST /api/loans/{id}/repayments/{repaymentId}/reversal. */
export class RepaymentReversalResultView {
  @ApiProperty({ type: RepaymentView }) repayment: RepaymentView;
  @ApiProperty({ type: Object, description: 'The loan, as it was before the repayment' })
  loan: LoanAccountView;
}
