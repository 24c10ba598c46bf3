import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiTableParam,
  ClientAuth,
  ApiDeviceHeader,
  ClientId,
  DeviceId,
  ErrorResponseDto,
  RecordIdPipe,
  SyncedTable,
  SyncedTablePipe,
} from '@app/common';
import { OperationType, readBatchEntry, readBatchOperations, readChange, ReceivedChange } from './change';
import { BatchRequestDto, BatchResponseDto, DeleteQuery, SingleIngestResponseDto } from './ingest.dto';
import { AsyncDocs, CreateDocs, DeleteDocs, DeleteQueryParams, UpdateDocs } from './ingest.docs';
import { accepted, entryOf, Reply } from './ingest-answers';
import { IngestService } from './ingest.service';
import { AcceptedJobDto, AcceptedSingleDto } from './async/job-progress.dto';
import { AcceptedJob, AsyncIngestService, QueueFullException } from './async/async-ingest.service';
import { prefersAsync } from './async/prefer';

/** Who writes where: the key's client, the request's device (X-Device-Id) and the table. */
interface Target {
  clientId: string;
  deviceId: string | null;
  table: SyncedTable;
}

@ApiTags('ingest')
@ClientAuth()
@ApiDeviceHeader()
@ApiBadRequestResponse({
  type: ErrorResponseDto,
  description: 'Malformed JSON or an invalid record; nothing is written',
})
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over BODY_LIMIT_BYTES' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
@Controller()
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly asyncIngest: AsyncIngestService,
  ) {}

  @Post('items')
  @CreateDocs('createItem', 'CREATE a record in DEFAULT_TABLE')
  createInDefault(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: Record<string, unknown>,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single({ clientId, deviceId, table }, 'CREATE', body, undefined, prefer, reply);
  }

  @Post('tables/:table/items')
  @CreateDocs('createTableItem', 'CREATE a record in a synced table')
  @ApiTableParam('Synced table (the /items routes act on DEFAULT_TABLE)')
  create(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: Record<string, unknown>,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single({ clientId, deviceId, table }, 'CREATE', body, undefined, prefer, reply);
  }

  @Put('items/:id')
  @UpdateDocs('updateItem', 'UPDATE a record in DEFAULT_TABLE')
  updateInDefault(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single({ clientId, deviceId, table }, 'UPDATE', body, id, prefer, reply);
  }

  @Put('tables/:table/items/:id')
  @UpdateDocs('updateTableItem', 'UPDATE a record in a synced table')
  @ApiTableParam('Synced table (the /items routes act on DEFAULT_TABLE)')
  update(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single({ clientId, deviceId, table }, 'UPDATE', body, id, prefer, reply);
  }

  @Delete('items/:id')
  @DeleteDocs('deleteItem', 'DELETE a record in DEFAULT_TABLE')
  removeInDefault(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
    @DeleteQueryParams() query: DeleteQuery,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single(
      { clientId, deviceId, table },
      'DELETE',
      { id, ver: query.ver, id_cola: query.id_cola },
      id,
      prefer,
      reply,
    );
  }

  @Delete('tables/:table/items/:id')
  @DeleteDocs('deleteTableItem', 'DELETE a record in a synced table')
  @ApiTableParam('Synced table (the /items routes act on DEFAULT_TABLE)')
  remove(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
    @DeleteQueryParams() query: DeleteQuery,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    return this.single(
      { clientId, deviceId, table },
      'DELETE',
      { id, ver: query.ver, id_cola: query.id_cola },
      id,
      prefer,
      reply,
    );
  }

  @Post('tables/:table/batch')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'batch',
    summary: `Up to 1,000 mixed CREATE/UPDATE/DELETE operations in one request`,
    description: 'One result per entry, in order. Applied with one set-based statement in the common case.',
  })
  @ApiTableParam('Synced table (the /items routes act on DEFAULT_TABLE)')
  @ApiBody({ type: BatchRequestDto })
  @ApiOkResponse({ type: BatchResponseDto })
  @AsyncDocs(AcceptedJobDto)
  async batch(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<BatchResponseDto | AcceptedJobDto> {
    const received = readBatchOperations(body).map(readBatchEntry);
    if (prefersAsync(prefer)) {
      // An entry without a usable id or operation cannot be logged: with no other, there would be
      // no job to follow, so the request is refused whole (and writes nothing) instead of a 202.
      if (received.every((r) => 'problems' in r && (r.id === undefined || r.operation === undefined)))
        throw new BadRequestException(
          received.map((r, index) => `operations[${index}]: ${'problems' in r ? r.problems.join('; ') : ''}`),
        );
      const job = await this.enqueue({ clientId, deviceId, table }, received, reply);
      accepted(reply, job.jobId);
      const results = job.results.map(entryOf);
      return {
        status: 'accepted',
        id_cola: job.jobId,
        results,
        queued: results.filter((r) => r.status === 'QUEUED').length,
        failed: results.filter((r) => r.status === 'ERROR').length,
      };
    }
    const results = (await this.ingest.ingest(clientId, table, received, deviceId)).map(entryOf);
    const failed = results.filter((r) => r.status === 'ERROR').length;
    const queued = results.filter((r) => r.status === 'QUEUED').length;
    return { results, completed: results.length - failed - queued, failed, ...(queued > 0 ? { queued } : {}) };
  }

  private async single(
    { clientId, deviceId, table }: Target,
    operation: OperationType,
    body: unknown,
    pathId: string | undefined,
    prefer: string | undefined,
    reply: Reply,
  ): Promise<SingleIngestResponseDto | AcceptedSingleDto> {
    const received = readChange(operation, body, pathId);
    // A single record that is invalid is a bad request and writes nothing.
    if ('problems' in received) throw new BadRequestException(received.problems);
    const target = { clientId, deviceId, table };
    const queued = prefersAsync(prefer) ? await this.enqueue(target, [received], reply) : undefined;
    const [result] = queued ? queued.results : await this.ingest.ingest(clientId, table, [received], deviceId);
    if (result.status === 'ERROR') throw new UnprocessableEntityException(result.error);
    if (result.status === 'QUEUED') {
      // Asked for, or a synchronous write to a record whose operations are still queued (it joined the queue behind them).
      const jobId = queued?.jobId ?? received.change.queueId;
      if (jobId) accepted(reply, jobId);
      else reply.status(202);
      return {
        status: 'accepted',
        id_cola: jobId ?? null,
        hash_id: result.id!,
        operation,
        operation_id: result.operationId!,
      };
    }
    return {
      status: 'success',
      ...(result.note ? { note: result.note } : {}),
      hash_id: result.id!,
      operation,
      operation_id: result.operationId!,
    };
  }

  /** Queues the request; a full queue is a 503 that tells the client when to come back. */
  private async enqueue(
    { clientId, deviceId, table }: Target,
    received: ReceivedChange[],
    reply: Reply,
  ): Promise<AcceptedJob> {
    try {
      return await this.asyncIngest.enqueue(clientId, table, received, undefined, deviceId);
    } catch (error) {
      if (error instanceof QueueFullException) reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
