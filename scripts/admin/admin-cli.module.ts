import { Global, Module } from '@nestjs/common';
import { loadServiceConfig, SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { PersistenceModule } from '@qollqa/persistence';
import { entities, migrations } from '../../apps/gateway/src/database/entities';
import { UsersModule } from '../../apps/gateway/src/users/users.module';

/** The gateway's configuration, for the admin command: it never loads demo data. */
@Global()
@Module({
  providers: [
    {
      provide: SERVICE_CONFIG,
      useFactory: (): ServiceConfig => ({ ...loadServiceConfig('gateway'), demoData: false }),
    },
  ],
  exports: [SERVICE_CONFIG],
})
class AdminConfigModule {}

/** What `npm run admin` needs: the gateway's database (migrated) and its users feature. */
@Module({
  imports: [AdminConfigModule, PersistenceModule.forService({ entities, migrations }), UsersModule],
})
export class AdminCliModule {}
