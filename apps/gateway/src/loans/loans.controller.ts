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
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Actor,
  Batch,
  ExportLoansCommand,
  GetLoanQuery,
  ListLoansCommand,
  ListLoansQuery,
  LoanAccountView,
  Page,
  RecordRepaymentCommand,
  RecordRepaymentDto,
  RepaymentResultView,
  RepaymentRpc,
  WriteOffLoanCommand,
  WriteOffLoanDto,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { csvFile, CsvRequested, everyBatch, ProducesCsv } from '../exports/csv-export';
import { LOAN_CSV_COLUMNS } from './loan-csv-columns';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoansController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('loan_officer', 'fund_manager', 'admin', 'enterprise')
  @ProducesCsv()
  @ApiOkResponse({
    description:
      '{ items, total, page, pageSize }: loans without their schedule, oldest disbursement first. An enterprise sees only its own. ' +
      'With `Accept: text/csv`: every matching loan as CSV (no paging), nested fields named with dots',
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
  @ApiOkResponse({
    description:
      'The loan with its schedule, days past due and class as of the business date, moratory interest due and next installment',
  })
  @ApiForbiddenResponse({ description: "Another enterprise's loan" })
  @ApiNotFoundResponse()
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<LoanAccountView> {
    return this.rpc.request<LoanAccountView, GetLoanQuery>(RepaymentRpc.GetLoan, { actor, id });
  }

  @Post(':id/repayments')
  @Roles('loan_officer', 'admin')
  @ApiOperation({
    summary: 'Record a repayment',
    description:
      'Allocated to moratory interest, then interest and principal of the installments due by paidOn, oldest first; ' +
      'the rest prepays principal from the last installment backwards (an installment so cleared owes no interest). ' +
      'The same externalRef with the same amount and paidOn returns the first result (201) and moves nothing.',
  })
  @ApiCreatedResponse({
    description: '{ id, allocated { moratoryInterest, interest, principal, prepayment }, loan }',
  })
  @ApiConflictResponse({
    description: 'The loan is repaid or written off; the externalRef was used with another body',
  })
  @ApiUnprocessableEntityResponse({
    description: 'paidOn after the business date or before disbursement; amount above what is owed',
  })
  @ApiNotFoundResponse()
  recordRepayment(
    @Param('id', new ParseUUIDPipe()) loanId: string,
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
  @ApiOperation({
    summary: 'Write a loan off',
    description:
      'An active or claimed loan becomes written_off on the business date; its outstanding principal is posted as a loss ' +
      '(loan.written_off). It takes no more repayments and no longer ages.',
  })
  @ApiOkResponse({ description: 'The loan, written off' })
  @ApiConflictResponse({ description: 'The loan is already repaid or written off' })
  @ApiForbiddenResponse({ description: 'Any role but fund_manager' })
  @ApiNotFoundResponse()
  writeOff(
    @Param('id', new ParseUUIDPipe()) loanId: string,
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
