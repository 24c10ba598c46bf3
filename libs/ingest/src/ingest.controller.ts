import { applyDecorators, BadRequestException, Body, Controller, Delete, HttpCode, Param, Post, Put, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ClientAuth, ClientId, ErrorResponseDto, RecordIdPipe, SyncedTable, SyncedTablePipe } from '@app/common';
import { OperationType, readBatchEntry, readBatchOperations, readChange } from './change';
import { BatchRequestDto, BatchResponseDto, DeleteQueryDto, RECORD_BODY_SCHEMA, SingleIngestResponseDto } from './ingest.dto';
import { IngestService } from './ingest.service';

const TABLE_PARAM = { name: 'table', description: 'Synced table (the /items routes act on DEFAULT_TABLE)', example: 'venta' };
const ID_PARAM = { name: 'id', description: 'The record id', example: 'abc123' };

// Each route exists twice, on DEFAULT_TABLE (/items) and on any table (/tables/{table}/items), as
// separate handlers so that Swagger documents each path exactly (SyncedTablePipe maps a missing
// :table to DEFAULT_TABLE).
const CreateDocs = (operationId: string, summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ operationId, summary, description: 'Resending is safe: a record that already exists is left untouched and logged COMPLETED with note "Duplicate bypassed".' }),
    ApiBody({ schema: RECORD_BODY_SCHEMA }),
    ApiOkResponse({ type: SingleIngestResponseDto }),
  );
const UpdateDocs = (operationId: string, summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ operationId, summary, description: 'Creates the record if it does not exist (noted). Ignored, with note "Stale version ignored", when `ver` is older than the stored `_ver`.' }),
    ApiParam(ID_PARAM),
    ApiBody({ schema: { ...RECORD_BODY_SCHEMA, required: [] } }),
    ApiOkResponse({ type: SingleIngestResponseDto }),
  );
const DeleteDocs = (operationId: string, summary: string) =>
  applyDecorators(
    HttpCode(200),
    ApiOperation({ operationId, summary, description: 'A record that does not exist is logged COMPLETED with note "Already deleted".' }),
    ApiParam(ID_PARAM),
    ApiOkResponse({ type: SingleIngestResponseDto }),
  );

@ApiTags('ingest')
@ClientAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed JSON or an invalid record; nothing is written' })
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over BODY_LIMIT_BYTES' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
@Controller()
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post('items')
  @CreateDocs('createItem', 'CREATE a record in DEFAULT_TABLE')
  createInDefault(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'CREATE', body);
  }

  @Post('tables/:table/items')
  @CreateDocs('createTableItem', 'CREATE a record in a synced table')
  @ApiParam(TABLE_PARAM)
  create(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'CREATE', body);
  }

  @Put('items/:id')
  @UpdateDocs('updateItem', 'UPDATE a record in DEFAULT_TABLE')
  updateInDefault(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'UPDATE', body, id);
  }

  @Put('tables/:table/items/:id')
  @UpdateDocs('updateTableItem', 'UPDATE a record in a synced table')
  @ApiParam(TABLE_PARAM)
  update(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>) {
    return this.single(clientId, table, 'UPDATE', body, id);
  }

  @Delete('items/:id')
  @DeleteDocs('deleteItem', 'DELETE a record in DEFAULT_TABLE')
  removeInDefault(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Query() query: DeleteQueryDto) {
    return this.single(clientId, table, 'DELETE', { id, ver: query.ver, id_cola: query.id_cola }, id);
  }

  @Delete('tables/:table/items/:id')
  @DeleteDocs('deleteTableItem', 'DELETE a record in a synced table')
  @ApiParam(TABLE_PARAM)
  remove(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Param('id', RecordIdPipe) id: string, @Query() query: DeleteQueryDto) {
    return this.single(clientId, table, 'DELETE', { id, ver: query.ver, id_cola: query.id_cola }, id);
  }

  @Post('tables/:table/batch')
  @HttpCode(200)
  @ApiOperation({ operationId: 'batch', summary: `Up to 1,000 mixed CREATE/UPDATE/DELETE operations in one request`, description: 'One result per entry, in order. Applied with one set-based statement in the common case.' })
  @ApiParam(TABLE_PARAM)
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
