import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { LoansModule } from '../loans/loans.module';
import { RecordRepaymentRepository } from './record-repayment.repository';
import { RepaymentsController } from './repayments.controller';
import { RecordRepaymentService } from './services/record-repayment.service';
import { RepaymentQueries } from './services/repayment-queries.service';
import { ReverseRepaymentService } from './services/reverse-repayment.service';

@Module({
  imports: [BusinessDateModule, LoansModule],
  controllers: [RepaymentsController],
  providers: [
    RecordRepaymentRepository,
    RecordRepaymentService,
    ReverseRepaymentService,
    RepaymentQueries,
  ],
  exports: [RepaymentQueries],
})
export class RepaymentsModule {}
