import { Module } from '@nestjs/common';
import { FundsController } from './funds.controller';
import { GuaranteeFundController } from './guarantee-fund.controller';

@Module({ controllers: [FundsController, GuaranteeFundController] })
export class FundsModule {}
