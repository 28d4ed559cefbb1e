import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { LoansModule } from '../loans/loans.module';
import { RepaymentsController } from './repayments.controller';
import { RecordRepaymentService } from './services/record-repayment.service';

@Module({
  imports: [BusinessDateModule, LoansModule],
  controllers: [RepaymentsController],
  providers: [RecordRepaymentService],
})
export class RepaymentsModule {}
