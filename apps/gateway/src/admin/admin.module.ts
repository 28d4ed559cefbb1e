import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { closeOfBusinessRpcProvider } from './close-of-business.rpc';

@Module({ controllers: [AdminController], providers: [closeOfBusinessRpcProvider] })
export class AdminModule {}
