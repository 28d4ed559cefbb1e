import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  ExportLoansCommand,
  GetLoanQuery,
  ListLoansCommand,
  LoanDisbursedEvent,
  LoanEvents,
  RepaymentRpc,
  WriteOffLoanCommand,
} from '@qollqa/contracts';
import { LoanQueries } from './services/loan-queries.service';
import { OpenLoanService } from './services/open-loan.service';
import { WriteOffLoanService } from './services/write-off-loan.service';

/** Loan accounts over NATS: queries and the write-off from the gateway, loan.disbursed from disbursement. */
@Controller()
export class LoansController {
  constructor(
    private readonly queries: LoanQueries,
    private readonly openLoan: OpenLoanService,
    private readonly writeOffLoan: WriteOffLoanService,
  ) {}

  @MessagePattern(RepaymentRpc.GetLoan)
  get(@Payload() query: GetLoanQuery) {
    return this.queries.get(query.actor, query.id);
  }

  @MessagePattern(RepaymentRpc.ListLoans)
  list(@Payload() command: ListLoansCommand) {
    return this.queries.list(command.actor, command.query);
  }

  @MessagePattern(RepaymentRpc.ExportLoans)
  export(@Payload() command: ExportLoansCommand) {
    return this.queries.batch(command.actor, command.query, command.batch);
  }

  @MessagePattern(RepaymentRpc.WriteOffLoan)
  writeOff(@Payload() command: WriteOffLoanCommand) {
    return this.writeOffLoan.execute(command);
  }

  @EventPattern(LoanEvents.Disbursed)
  onDisbursed(@Payload() event: LoanDisbursedEvent) {
    return this.openLoan.execute(event);
  }
}
