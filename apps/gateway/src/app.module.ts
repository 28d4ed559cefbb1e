import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MessagingModule } from '@qollqa/messaging';
import { PersistenceModule } from '@qollqa/persistence';
import { HttpErrorsModule, PlatformModule } from '@qollqa/platform';
import { ApplicationsController } from './applications/applications.controller';
import { MyApplicationsController } from './applications/my-applications.controller';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CollectionsModule } from './collections/collections.module';
import { EmergenciesModule } from './emergencies/emergencies.module';
import { FundsModule } from './funds/funds.module';
import { LoansModule } from './loans/loans.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { SecretsModule } from './secrets/secrets.module';
import { UsersModule } from './users/users.module';
import { entities, migrations } from './database/entities';
import { GATEWAY_RETENTION } from './database/retention';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyService } from './idempotency/idempotency.service';
import { StrictQueryInterceptor } from './http-edge/strict-query.interceptor';

@Module({
  imports: [
    PlatformModule.forService('gateway'),
    HttpErrorsModule,
    PersistenceModule.forService({ entities, migrations, retention: GATEWAY_RETENTION }),
    MessagingModule.forRequests(),
    SecretsModule,
    AuthModule,
    LoansModule,
    FundsModule,
    AdminModule,
    PortfolioModule,
    AuditModule,
    CollectionsModule,
    UsersModule,
    EmergenciesModule,
  ],
  controllers: [ApplicationsController, MyApplicationsController],
  providers: [
    IdempotencyService,
    // In this order: a bad query string is refused before an Idempotency-Key is claimed.
    { provide: APP_INTERCEPTOR, useClass: StrictQueryInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class AppModule {}
