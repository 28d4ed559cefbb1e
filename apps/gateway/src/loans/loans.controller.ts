import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  Batch,
  ExportLoansCommand,
  GetLoanQuery,
  ListLoansCommand,
  ListLoansQuery,
  ListRepaymentsCommand,
  ListRepaymentsQuery,
  LoanAccountView,
  LoanPage,
  LoanResponse,
  Page,
  RecordRepaymentCommand,
  RecordRepaymentDto,
  RepaymentResultResponse,
  RepaymentPageView,
  RepaymentResultView,
  RepaymentReversalResultView,
  RepaymentRpc,
  RepaymentView,
  ReprogramLoanCommand,
  ReprogramLoanDto,
  ReprogrammingPreviewResponse,
  ReprogrammingPreviewView,
  ReverseRepaymentCommand,
  ReverseRepaymentDto,
  WriteOffLoanCommand,
  WriteOffLoanDto,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { UuidPipe } from '@qollqa/platform';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { ApiRoute } from '../openapi/api-route.decorator';
import { csvFile, CsvRequested, everyBatch, everyPage, ProducesCsv } from '../exports/csv-export';
import { LOAN_CSV_COLUMNS, REPAYMENT_CSV_COLUMNS } from './loan-csv-columns';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoansController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('loan_officer', 'fund_manager', 'admin', 'enterprise')
  @ProducesCsv()
  @ApiRoute({
    summary: 'List loans',
    description:
      'Loans without their schedule, oldest disbursement first; figures as of the business date. ' +
      'An enterprise gets only its own loans. With `Accept: text/csv`: every matching loan as CSV (no paging), ' +
      'nested fields named with dots.',
    response: { type: LoanPage, description: 'A page of loans' },
  })
  async list(
    @Query() query: ListLoansQuery,
    @CurrentActor() actor: Actor,
    @CsvRequested() csv: boolean,
  ): Promise<Page<LoanAccountView> | StreamableFile> {
    if (csv) {
      return csvFile(
        'loans',
        LOAN_CSV_COLUMNS,
        everyBatch((after) =>
          this.rpc.request<Batch<LoanAccountView>, ExportLoansCommand>(RepaymentRpc.ExportLoans, {
            actor,
            query,
            batch: { after, limit: 100 },
          }),
        ),
      );
    }
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

  @Get(':id/repayments')
  @Roles('loan_officer', 'fund_manager', 'admin', 'enterprise')
  @ProducesCsv()
  @ApiOperation({
    summary: "A loan's repayments",
    description:
      'Roles: loan_officer, fund_manager, admin, and the enterprise that owns the loan. ' +
      'Every repayment of the loan, reversed ones included (with who reversed it, when and why), ' +
      'oldest first, as `{ items, total, page, pageSize }`. With `Accept: text/csv`: every repayment as CSV.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RepaymentPageView, description: "The loan's repayments, oldest first" })
  @ApiBadRequestResponse({ description: 'A bad page, pageSize or unknown query key' })
  @ApiForbiddenResponse({ description: "Another enterprise's loan" })
  @ApiNotFoundResponse({ description: 'No such loan' })
  async listRepayments(
    @Param('id', new ParseUUIDPipe()) loanId: string,
    @Query() query: ListRepaymentsQuery,
    @CurrentActor() actor: Actor,
    @CsvRequested() csv: boolean,
  ): Promise<Page<RepaymentView> | StreamableFile> {
    const page = (query: ListRepaymentsQuery) =>
      this.rpc.request<Page<RepaymentView>, ListRepaymentsCommand>(RepaymentRpc.ListRepayments, {
        actor,
        loanId,
        query,
      });
    if (csv) {
      // A loan's repayments only grow at the end: page after page reads each once.
      return csvFile(
        'repayments',
        REPAYMENT_CSV_COLUMNS,
        everyPage((n, pageSize) => page({ ...query, page: n, pageSize })),
      );
    }
    return page(query);
  }

  @Post(':id/repayments/:repaymentId/reversal')
  @HttpCode(200)
  @Roles('fund_manager')
  @ApiOperation({
    summary: 'Reverse a repayment recorded by mistake',
    description:
      'Roles: fund_manager. Only the loan’s latest repayment that is not reversed, on the business date it ' +
      'was recorded (before a close of business runs). The loan is put back exactly as it was before the ' +
      'repayment (installments, balances, status, days past due, class); the ledger posts a reversing ' +
      'transaction and the funds and the portfolio follow. Its externalRef may then be recorded again.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'repaymentId', format: 'uuid' })
  @ApiOkResponse({
    type: RepaymentReversalResultView,
    description: '{ repayment (with its reversal), loan (as before the repayment) }',
  })
  @ApiBadRequestResponse({ description: 'No reason given' })
  @ApiConflictResponse({
    description:
      'Not the latest repayment, recorded on a business date already closed, already reversed, or the loan is written off',
  })
  @ApiForbiddenResponse({ description: 'Any role but fund_manager' })
  @ApiNotFoundResponse({ description: 'No such loan, or no such repayment of it' })
  reverseRepayment(
    @Param('id', new ParseUUIDPipe()) loanId: string,
    @Param('repaymentId', new ParseUUIDPipe()) repaymentId: string,
    @Body() body: ReverseRepaymentDto,
    @CurrentActor() actor: Actor,
  ): Promise<RepaymentReversalResultView> {
    return this.rpc.request<RepaymentReversalResultView, ReverseRepaymentCommand>(
      RepaymentRpc.ReverseRepayment,
      { actor, loanId, repaymentId, body },
    );
  }

  @Post(':id/reprogramming/preview')
  @HttpCode(200)
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Preview a reprogramming',
    description:
      'What POST /api/loans/{id}/reprogramming would do with the same body at the business date, changing ' +
      'nothing: the installments it replaces, the interest it defers and the new schedule, worked out by the ' +
      'same rules. The fund manager reads it before confirming. The same refusals as the reprogramming.',
    response: { type: ReprogrammingPreviewResponse, description: 'The new schedule it would make' },
    errors: {
      404: 'No such loan (LOAN_NOT_FOUND)',
      422:
        'Not active (LOAN_NOT_ACTIVE), more than 30 days past due (TOO_MANY_DAYS_PAST_DUE), or reprogrammed ' +
        'twice already (REPROGRAMMING_LIMIT_REACHED)',
    },
  })
  previewReprogramming(
    @Param('id', UuidPipe) loanId: string,
    @Body() body: ReprogramLoanDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReprogrammingPreviewView> {
    return this.rpc.request<ReprogrammingPreviewView, ReprogramLoanCommand>(
      RepaymentRpc.PreviewReprogramming,
      { actor, loanId, body },
    );
  }

  @Post(':id/reprogramming')
  @HttpCode(200)
  @Roles('fund_manager')
  @ApiRoute({
    summary: 'Reprogram a loan',
    description:
      'After a frost, a drought, a flood or unrest (SBS declared emergencies). Every installment not fully paid is ' +
      'replaced (`rescheduled`, closed at what was paid); the outstanding principal is re-amortised over those ' +
      'installments plus `extensionMonths`, from the first due date after the business date, the first ' +
      '`graceMonths` interest only; interest due and unpaid (ordinary and moratory) is spread over the non-grace ' +
      'installments, never capitalised. Days past due 0; the SBS class is kept (never better while the loan lives); ' +
      'the guarantee continues. Only an active loan at most 30 days past due, reprogrammed fewer than twice.',
    response: { type: LoanResponse, description: 'The loan with its new schedule' },
    errors: {
      404: 'No such loan (LOAN_NOT_FOUND)',
      422:
        'Not active (LOAN_NOT_ACTIVE), more than 30 days past due (TOO_MANY_DAYS_PAST_DUE), or reprogrammed ' +
        'twice already (REPROGRAMMING_LIMIT_REACHED)',
    },
  })
  reprogram(
    @Param('id', UuidPipe) loanId: string,
    @Body() body: ReprogramLoanDto,
    @CurrentActor() actor: Actor,
  ): Promise<LoanAccountView> {
    return this.rpc.request<LoanAccountView, ReprogramLoanCommand>(RepaymentRpc.ReprogramLoan, {
      actor,
      loanId,
      body,
    });
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
