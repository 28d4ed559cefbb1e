import { Module } from '@nestjs/common';
import { EmergenciesController } from './emergencies.controller';
import { emergencyRpcProvider } from './emergency.rpc';

@Module({ controllers: [EmergenciesController], providers: [emergencyRpcProvider] })
export class EmergenciesModule {}
