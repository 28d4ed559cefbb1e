import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { ApplicationsModule } from './applications/applications.module';
import { entities, migrations } from './database/entities';

@Module({
  imports: [
    PlatformModule.forService('applications'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
    ApplicationsModule,
  ],
})
export class AppModule {}
