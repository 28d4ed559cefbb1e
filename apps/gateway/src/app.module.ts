import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { PlatformModule } from '@qollqa/platform';
import { ApplicationsController } from './applications/applications.controller';
import { AuthModule } from './auth/auth.module';
import { entities, migrations } from './database/entities';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyService } from './idempotency/idempotency.service';

@Module({
  imports: [
    PlatformModule.forService('gateway'),
    PersistenceModule.forService({ entities, migrations }),
    MessagingModule.forRequests(),
    AuthModule,
  ],
  controllers: [ApplicationsController],
  providers: [IdempotencyService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
})
export class AppModule {}
