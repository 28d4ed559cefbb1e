import { Module } from '@nestjs/common';
import { BusinessCalendar } from '../business-calendar/business-calendar.service';
import { FundsController } from '../funds/funds.controller';
import { AddFundMoneyService } from '../funds/services/add-fund-money.service';
import { FundFiguresService } from '../funds/services/fund-figures.service';
import { LedgerService } from '../ledger/ledger.service';
import { LoanGuaranteeRepository } from '../loan-events/loan-guarantee.repository';
import { LoanLedgerService } from '../loan-events/loan-ledger.service';
import { FollowDelinquencyService } from '../loan-events/services/follow-delinquency.service';
import { FailurePoints } from '../shared/failure-points';
import { DisbursementEventsController } from './disbursement-events.controller';
import { DisburseApprovedApplicationService } from './services/disburse-approved-application.service';
import { PayOutLoanService } from './services/pay-out-loan.service';
import { ReserveGuaranteeService } from './services/reserve-guarantee.service';
import { WaitlistService } from './services/waitlist.service';

@Module({
  controllers: [DisbursementEventsController, FundsController],
  providers: [
    LedgerService,
    FundFiguresService,
    AddFundMoneyService,
    BusinessCalendar,
    FailurePoints,
    ReserveGuaranteeService,
    PayOutLoanService,
    WaitlistService,
    DisburseApprovedApplicationService,
    LoanLedgerService,
    LoanGuaranteeRepository,
    FollowDelinquencyService,
  ],
})
export class DisbursementsModule {}
