import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { BusinessDateModule } from './business-date/business-date.module';
import { CloseOfBusinessModule } from './close-of-business/close-of-business.module';
import { CollectionsModule } from './collections/collections.module';
import { entities, migrations } from './database/entities';
import { EmergenciesModule } from './emergencies/emergencies.module';
import { LoansModule } from './loans/loans.module';
import { RepaymentsModule } from './repayments/repayments.module';
import { ReprogrammingModule } from './reprogramming/reprogramming.module';

@Module({
  imports: [
    PlatformModule.forService('repayment'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
    BusinessDateModule,
    LoansModule,
    RepaymentsModule,
    CloseOfBusinessModule,
    CollectionsModule,
    ReprogrammingModule,
    EmergenciesModule,
  ],
})
export class AppModule {}
