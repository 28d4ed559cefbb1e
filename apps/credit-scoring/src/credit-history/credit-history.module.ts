import { Module } from '@nestjs/common';
import { CreditHistoryController } from './credit-history.controller';
import { CreditHistoryService } from './services/credit-history.service';

@Module({ controllers: [CreditHistoryController], providers: [CreditHistoryService] })
export class CreditHistoryModule {}
