import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AdminAuth,
  allSyncedTables,
  ApiDeviceHeader,
  DeviceId,
  ErrorResponseDto,
  SHARED_CLIENT_ID,
  SyncedTable,
  SyncedTablePipe,
} from '@app/common';
import { readBatchEntry, readBatchOperations } from './change';
import { batchAnswer, entryOf } from './ingest-answers';
import { BatchRequestDto, BatchResponseDto } from './ingest.dto';
import { IngestService } from './ingest.service';

/**
 * Head office's writes to shared tables (docs/multi-device.md, "Shared tables"): the same batch as
 * a store's, with the admin token, stored under SHARED_CLIENT_ID and served by every store's feed.
 */
@ApiTags('shared tables')
@AdminAuth()
@ApiDeviceHeader()
@Controller()
export class SharedTablesController {
  constructor(private readonly ingest: IngestService) {}

  @Post('admin/tables/:table/batch')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'sharedBatch',
    summary: 'Up to 1,000 mixed CREATE/UPDATE/DELETE operations on a shared table (head office)',
    description:
      "The rows belong to no store (client id `*shared*`) and reach every store through GET /tables/{table}/changes. Same entries and answers as a store's batch, `base_ver` included.",
  })
  @ApiParam({
    name: 'table',
    description: 'A shared synced table',
    schema: {
      type: 'string',
      enum: allSyncedTables()
        .filter((t) => t.shared)
        .map((t) => t.name),
      example: 'producto',
    },
  })
  @ApiBody({ type: BatchRequestDto })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table, or not a shared one' })
  async batch(
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
  ): Promise<BatchResponseDto> {
    if (!table.shared)
      throw new NotFoundException(`Table "${table.name}" is not shared: stores write it with their keys`);
    const received = readBatchOperations(body).map(readBatchEntry);
    return batchAnswer((await this.ingest.ingest(SHARED_CLIENT_ID, table, received, deviceId)).map(entryOf));
  }
}
