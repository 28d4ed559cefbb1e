import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { entities, migrations } from './database/entities';

@Module({
  imports: [
    PlatformModule.forService('disbursement'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
  ],
})
export class AppModule {}
