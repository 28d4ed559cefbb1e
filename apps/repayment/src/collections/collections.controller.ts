import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CollectionSheetCommand, RepaymentRpc } from '@qollqa/contracts';
import { CollectionSheetService } from './services/collection-sheet.service';

/** The collection sheet over NATS, for the gateway's GET /api/collections. */
@Controller()
export class CollectionsController {
  constructor(private readonly collectionSheet: CollectionSheetService) {}

  @MessagePattern(RepaymentRpc.CollectionSheet)
  sheet(@Payload() command: CollectionSheetCommand) {
    return this.collectionSheet.execute(command);
  }
}
