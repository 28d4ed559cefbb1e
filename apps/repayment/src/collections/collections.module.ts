import { Module } from '@nestjs/common';
import { BusinessDateModule } from '../business-date/business-date.module';
import { CollectionsController } from './collections.controller';
import { CollectionSheetService } from './services/collection-sheet.service';

@Module({
  imports: [BusinessDateModule],
  controllers: [CollectionsController],
  providers: [CollectionSheetService],
})
export class CollectionsModule {}
