import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { entities, migrations } from './database/entities';
import { DisbursementsModule } from './disbursements/disbursements.module';
import { GuaranteeAnalyticsModule } from './guarantee-analytics/guarantee-analytics.module';

@Module({
  imports: [
    PlatformModule.forService('disbursement'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
    DisbursementsModule,
    GuaranteeAnalyticsModule,
  ],
})
export class AppModule {}
