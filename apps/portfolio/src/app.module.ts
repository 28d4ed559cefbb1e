import { Module } from '@nestjs/common';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { entities, migrations } from './database/entities';
import { PortfolioModule } from './portfolio.module';

@Module({
  imports: [
    PlatformModule.forService('portfolio'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forEvents(),
    PortfolioModule,
  ],
})
export class AppModule {}
