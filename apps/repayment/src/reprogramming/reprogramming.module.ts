import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { LoansModule } from '../loans/loans.module';
import { ReprogrammingController } from './reprogramming.controller';
import { LoanReprogrammer } from './services/loan-reprogrammer.service';
import { PreviewReprogrammingService } from './services/preview-reprogramming.service';
import { ReprogramLoanService } from './services/reprogram-loan.service';

@Module({
  imports: [BusinessDateModule, LoansModule],
  controllers: [ReprogrammingController],
  providers: [LoanReprogrammer, ReprogramLoanService, PreviewReprogrammingService],
  exports: [LoanReprogrammer],
})
export class ReprogrammingModule {}
