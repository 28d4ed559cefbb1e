import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { ReprogrammingModule } from '../reprogramming/reprogramming.module';
import { EmergenciesController } from './emergencies.controller';
import { EmergencyFaults } from './emergency-faults';
import { DeclareEmergencyService } from './services/declare-emergency.service';
import { EmergencyQueries } from './services/emergency-queries.service';

@Module({
  imports: [BusinessDateModule, ReprogrammingModule],
  controllers: [EmergenciesController],
  providers: [DeclareEmergencyService, EmergencyQueries, EmergencyFaults],
})
export class EmergenciesModule {}
