import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { BusinessDateModule } from '../business-date/business-date.module';
import { CloseBusinessDay } from './close-business-day';
import { CloseHistoryService } from './close-history.service';
import { CloseMetrics } from './close-metrics';
import { CloseOfBusinessController } from './close-of-business.controller';
import { CloseOfBusinessScheduler } from './close-of-business.scheduler';
import { CloseOfBusinessService } from './close-of-business.service';

@Module({
  imports: [BusinessDateModule, ScheduleModule.forRoot()],
  controllers: [CloseOfBusinessController],
  providers: [
    CloseBusinessDay,
    CloseOfBusinessService,
    CloseOfBusinessScheduler,
    CloseHistoryService,
    CloseMetrics,
  ],
  exports: [CloseBusinessDay, CloseOfBusinessService, CloseHistoryService],
})
export class CloseOfBusinessModule {}
