import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Actor,
  CollectionItemView,
  CollectionSheetBatch,
  CollectionSheetCommand,
  CollectionSheetQuery,
  CollectionSheetResponse,
  CollectionSheetView,
  RepaymentRpc,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { CurrentActor, Roles } from '../auth/decorators/auth.decorators';
import { csvFile, CsvRequested, ProducesCsv } from '../exports/csv-export';
import { COLLECTION_CSV_COLUMNS, collectionSheet } from './collection-sheet';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('collections')
export class CollectionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('loan_officer', 'fund_manager', 'admin')
  @ProducesCsv()
  @ApiOperation({
    summary: 'The collection sheet',
    description:
      'Every active or claimed loan with something owed on or before `date` (default: the business date): ' +
      'its oldest unpaid due date, what must be paid to be up to date on `date` (installments due, ' +
      'moratory interest — for a later date, what the closes until then would add) and its days past due; ' +
      'ordered by municipality, then due date. With `Accept: text/csv`: the items as CSV.',
  })
  @ApiOkResponse({
    type: CollectionSheetResponse,
    description: '{ date, items, total, amountDue }',
  })
  @ApiForbiddenResponse({ description: 'An enterprise' })
  @ApiUnprocessableEntityResponse({ description: 'A date before the business date' })
  async sheet(
    @Query() query: CollectionSheetQuery,
    @CurrentActor() actor: Actor,
    @CsvRequested() csv: boolean,
  ): Promise<CollectionSheetView | StreamableFile> {
    const sheet = await this.read(actor, query);
    return csv
      ? csvFile(`collection-sheet-${sheet.date}`, COLLECTION_CSV_COLUMNS, sheet.items)
      : sheet;
  }

  /** Every batch of the sheet; the date of the first (the business date if none was asked) for all. */
  private async read(actor: Actor, query: CollectionSheetQuery): Promise<CollectionSheetView> {
    const items: CollectionItemView[] = [];
    let date = query.date;
    let after: string | undefined;
    do {
      const batch = await this.rpc.request<CollectionSheetBatch, CollectionSheetCommand>(
        RepaymentRpc.CollectionSheet,
        { actor, query: { ...query, date }, batch: { after, limit: 500 } },
      );
      date = batch.date;
      items.push(...batch.items);
      after = batch.next ?? undefined;
    } while (after);
    return collectionSheet(date, items);
  }
}
