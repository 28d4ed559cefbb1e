import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { LoansController } from './loans.controller';
import { LoanDelinquency } from './services/loan-delinquency.service';
import { LoanQueries } from './services/loan-queries.service';
import { OpenLoanService } from './services/open-loan.service';
import { WriteOffLoanService } from './services/write-off-loan.service';

@Module({
  imports: [BusinessDateModule],
  controllers: [LoansController],
  providers: [LoanQueries, LoanDelinquency, OpenLoanService, WriteOffLoanService],
  exports: [LoanQueries, LoanDelinquency],
})
export class LoansModule {}
