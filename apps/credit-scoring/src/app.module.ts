import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { CreditHistoryModule } from './credit-history/credit-history.module';
import { entities, migrations } from './database/entities';
import { ScoresModule } from './scores/scores.module';

@Module({
  imports: [
    PlatformModule.forService('credit-scoring'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
    ScoresModule,
    CreditHistoryModule,
  ],
})
export class AppModule {}
