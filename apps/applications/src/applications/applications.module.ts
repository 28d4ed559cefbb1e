import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialHasher } from '@qollqa/platform';
import { Enterprise } from '../enterprises/entities/enterprise.entity';
import { Product } from '../products/entities/product.entity';
import { ProductsService } from '../products/products.service';
import { ApplicationsController } from './applications.controller';
import { Application } from './entities/application.entity';
import { TimelineEntry } from './entities/timeline-entry.entity';
import { ApplicationQueries } from './services/application-queries.service';
import { ApplicationTransitions } from './services/application-transitions.service';
import { AuthenticateEnterpriseService } from './services/authenticate-enterprise.service';
import { CreateApplicationService } from './services/create-application.service';
import { DecideApplicationService } from './services/decide-application.service';
import { FindReferenceService } from './services/find-reference.service';
import { RecordDisbursementService } from './services/record-disbursement.service';
import { RecordReprogrammingService } from './services/record-reprogramming.service';
import { RecordScoreService } from './services/record-score.service';
import { ResubmitApplicationService } from './services/resubmit-application.service';

@Module({
  imports: [TypeOrmModule.forFeature([Application, TimelineEntry, Enterprise, Product])],
  controllers: [ApplicationsController],
  providers: [
    CredentialHasher,
    ProductsService,
    ApplicationTransitions,
    ApplicationQueries,
    CreateApplicationService,
    DecideApplicationService,
    RecordScoreService,
    RecordDisbursementService,
    RecordReprogrammingService,
    ResubmitApplicationService,
    AuthenticateEnterpriseService,
    FindReferenceService,
  ],
})
export class ApplicationsModule {}
