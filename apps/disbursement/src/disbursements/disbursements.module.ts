import { Module } from '@nestjs/common';
import { BusinessCalendarRepository } from '../business-calendar/business-calendar.repository';
import { BusinessCalendar } from '../business-calendar/business-calendar.service';
import { FundPolicyRepository } from '../funds/fund-policy.repository';
import { FundsController } from '../funds/funds.controller';
import { GuaranteePositionRepository } from '../funds/guarantee-position.repository';
import { InnovationPositionRepository } from '../funds/innovation-position.repository';
import { AddFundMoneyService } from '../funds/services/add-fund-money.service';
import { FundFiguresService } from '../funds/services/fund-figures.service';
import { GuaranteeAnalyticsModule } from '../guarantee-analytics/guarantee-analytics.module';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LoanLedgerService } from '../loan-events/loan-ledger.service';
import { FollowDelinquencyService } from '../loan-events/services/follow-delinquency.service';
import { FailurePoints } from '../shared/failure-points';
import { DisbursementEventsController } from './disbursement-events.controller';
import { DisbursementRepository } from './disbursement.repository';
import { DisburseApprovedApplicationService } from './services/disburse-approved-application.service';
import { PayOutLoanService } from './services/pay-out-loan.service';
import { ReserveGuaranteeService } from './services/reserve-guarantee.service';
import { WaitlistService } from './services/waitlist.service';

@Module({
  // The funds' reconciliation checks the guarantee summary too.
  imports: [GuaranteeAnalyticsModule],
  controllers: [DisbursementEventsController, FundsController],
  providers: [
    LedgerRepository,
    GuaranteePositionRepository,
    InnovationPositionRepository,
    FundPolicyRepository,
    DisbursementRepository,
    BusinessCalendarRepository,
    FundFiguresService,
    AddFundMoneyService,
    BusinessCalendar,
    FailurePoints,
    ReserveGuaranteeService,
    PayOutLoanService,
    WaitlistService,
    DisburseApprovedApplicationService,
    LoanLedgerService,
    FollowDelinquencyService,
  ],
})
export class DisbursementsModule {}
