import { Body, Controller, Delete, HttpCode, Param, Post, Put, Query, UnprocessableEntityException, BadRequestException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ClientAuth, ClientId, ErrorResponseDto, RecordIdPipe, SyncedTable, SyncedTablePipe } from '@app/common';
import { OperationType, readBatchEntry, readBatchOperations, readChange } from './change';
import { BatchRequestDto, BatchResponseDto, DeleteQueryDto, RECORD_BODY_SCHEMA, SingleIngestResponseDto } from './ingest.dto';
import { IngestService } from './ingest.service';

const TABLE_PARAM = { name: 'table', required: false, description: 'Synced table (only in /tables/{table}/...; /items acts on DEFAULT_TABLE)', example: 'venta' };

@ApiTags('ingest')
@ClientAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed JSON or an invalid record; nothing is written' })
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over BODY_LIMIT_BYTES' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
@Controller()
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post(['items', 'tables/:table/items'])
  @HttpCode(200)
  @ApiOperation({ summary: 'CREATE a record', description: 'Resending is safe: a record that already exists is left untouched and logged COMPLETED with note "Duplicate bypassed".' })
  @ApiParam(TABLE_PARAM)
  @ApiBody({ schema: RECORD_BODY_SCHEMA })
  @ApiOkResponse({ type: SingleIngestResponseDto })
  create(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'CREATE', body);
  }

  @Put(['items/:id', 'tables/:table/items/:id'])
  @HttpCode(200)
  @ApiOperation({ summary: 'UPDATE a record', description: 'Creates the record if it does not exist (noted). Ignored, with note "Stale version ignored", when `ver` is older than the stored `_ver`.' })
  @ApiParam(TABLE_PARAM)
  @ApiParam({ name: 'id', description: 'The record id', example: 'abc123' })
  @ApiBody({ schema: { ...RECORD_BODY_SCHEMA, required: [] } })
  @ApiOkResponse({ type: SingleIngestResponseDto })
  update(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'UPDATE', body, id);
  }

  @Delete(['items/:id', 'tables/:table/items/:id'])
  @HttpCode(200)
  @ApiOperation({ summary: 'DELETE a record', description: 'A record that does not exist is logged COMPLETED with note "Already deleted".' })
  @ApiParam(TABLE_PARAM)
  @ApiParam({ name: 'id', description: 'The record id', example: 'abc123' })
  @ApiOkResponse({ type: SingleIngestResponseDto })
  remove(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Query() query: DeleteQueryDto) {
    return this.single(clientId, table, 'DELETE', { id, ver: query.ver, id_cola: query.id_cola }, id);
  }

  @Post('tables/:table/batch')
  @HttpCode(200)
  @ApiOperation({ summary: `Up to 1,000 mixed CREATE/UPDATE/DELETE operations in one request`, description: 'One result per entry, in order. Applied with a few set-based statements in one transaction.' })
  @ApiParam({ ...TABLE_PARAM, required: true })
  @ApiBody({ type: BatchRequestDto })
  @ApiOkResponse({ type: BatchResponseDto })
  async batch(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Body() body: unknown): Promise<BatchResponseDto> {
    const results = await this.ingest.ingest(clientId, table, readBatchOperations(body).map(readBatchEntry));
    const mapped = results.map((r, index) => ({ index, id: r.id, operation: r.operation, status: r.status, note: r.note, error: r.error, operation_id: r.operationId }));
    const failed = mapped.filter((r) => r.status === 'ERROR').length;
    return { results: mapped, completed: mapped.length - failed, failed };
  }

  private async single(clientId: string, table: SyncedTable, operation: OperationType, body: unknown, pathId?: string): Promise<SingleIngestResponseDto> {
    const received = readChange(operation, body, pathId);
    // A single record that is invalid is a bad request and writes nothing.
    if ('problems' in received) throw new BadRequestException(received.problems);
    const [result] = await this.ingest.ingest(clientId, table, [received]);
    if (result.status === 'ERROR') throw new UnprocessableEntityException(result.error);
    return { status: 'success', ...(result.note ? { note: result.note } : {}), hash_id: result.id!, operation, operation_id: result.operationId! };
  }
}
