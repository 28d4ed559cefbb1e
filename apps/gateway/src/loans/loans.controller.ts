import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  GetLoanQuery,
  ListLoansCommand,
  ListLoansQuery,
  LoanAccountView,
  LoanPage,
  LoanResponse,
  Page,
  RecordRepaymentCommand,
  RecordRepaymentDto,
  RepaymentResultResponse,
  RepaymentResultView,
  RepaymentRpc,
  WriteOffLoanCommand,
  WriteOffLoanDto,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { UuidPipe } from '@qollqa/platform';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoansController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('loan_officer', 'fund_manager', 'admin', 'enterprise')
  @ApiRoute({
    summary: 'List loans',
    description:
      'Loans without their schedule, oldest disbursement first; figures as of the business date. ' +
      'An enterprise gets only its own loans.',
    response: { type: LoanPage, description: 'A page of loans' },
  })
  list(
    @Query() query: ListLoansQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<LoanAccountView>> {
    return this.rpc.request<Page<LoanAccountView>, ListLoansCommand>(RepaymentRpc.ListLoans, {
      actor,
      query,
    });
  }

  @Get(':id')
  @Roles('loan_officer', 'fund_manager', 'admin', 'enterprise')
  @ApiRoute({
    summary: 'Get a loan',
    description:
      'The loan with its schedule, days past due and SBS class as of the business date, moratory interest due ' +
      'and next installment. An enterprise reads only its own loans.',
    response: { type: LoanResponse, description: 'The loan' },
    errors: {
      403: "Another enterprise's loan (LOAN_NOT_YOURS)",
      404: 'No such loan (LOAN_NOT_FOUND)',
    },
  })
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<LoanAccountView> {
    return this.rpc.request<LoanAccountView, GetLoanQuery>(RepaymentRpc.GetLoan, { actor, id });
  }

  @Post(':id/repayments')
  @Roles('loan_officer', 'admin')
  @ApiRoute({
    summary: 'Record a repayment',
    description:
      'Allocated to moratory interest, then interest and principal of the installments due by paidOn, oldest first; ' +
      'the rest prepays principal from the last installment backwards (an installment so cleared owes no interest). ' +
      'The same externalRef with the same amount and paidOn returns the first result and moves nothing.',
    response: {
      status: 201,
      type: RepaymentResultResponse,
      description: 'The allocation and the loan after it; the same again for a repeated receipt',
    },
    errors: {
      404: 'No such loan (LOAN_NOT_FOUND)',
      409: 'The loan is repaid or written off (LOAN_CLOSED); the externalRef was used with another body (EXTERNAL_REF_REUSED)',
      422: 'paidOn after the business date or before disbursement (PAID_ON_OUT_OF_RANGE); more than is owed (MORE_THAN_OWED)',
    },
  })
  @ApiResponse({
    status: 200,
    type: RepaymentResultResponse,
    description:
      'API.md lets a repeated receipt be answered 200 or 201: clients accept both (this gateway repeats 201)',
  })
  recordRepayment(
    @Param('id', UuidPipe) loanId: string,
    @Body() body: RecordRepaymentDto,
    @CurrentActor() actor: Actor,
  ): Promise<RepaymentResultView> {
    return this.rpc.request<RepaymentResultView, RecordRepaymentCommand>(
      RepaymentRpc.RecordRepayment,
      { actor, loanId, body },
    );
  }

  @Post(':id/write-off')
  @HttpCode(200)
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Write a loan off',
    description:
      'An active or claimed loan becomes written_off on the business date; its outstanding principal is posted as a loss ' +
      '(loan.written_off). It takes no more repayments and no longer ages.',
    response: { type: LoanResponse, description: 'The loan, written off' },
    errors: {
      404: 'No such loan (LOAN_NOT_FOUND)',
      409: 'The loan is already repaid or written off (LOAN_CLOSED)',
    },
  })
  writeOff(
    @Param('id', UuidPipe) loanId: string,
    @Body() body: WriteOffLoanDto,
    @CurrentActor() actor: Actor,
  ): Promise<LoanAccountView> {
    return this.rpc.request<LoanAccountView, WriteOffLoanCommand>(RepaymentRpc.WriteOffLoan, {
      actor,
      loanId,
      body,
    });
  }
}
