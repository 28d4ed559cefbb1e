import { Module } from '@nestjs/common';
import { loadRepaymentConfig, REPAYMENT_CONFIG } from '../repayment.config';
import { BusinessDateController } from './business-date.controller';
import { BusinessDateService } from './business-date.service';

@Module({
  controllers: [BusinessDateController],
  providers: [
    // Validated when the module is built: a bad variable stops the service at boot.
    { provide: REPAYMENT_CONFIG, useFactory: loadRepaymentConfig },
    BusinessDateService,
  ],
  exports: [BusinessDateService, REPAYMENT_CONFIG],
})
export class BusinessDateModule {}
