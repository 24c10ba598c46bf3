import {
  BadRequestException,
  Body,
  ConflictException,
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
  ApiConflictResponse,
  ApiForbiddenResponse,
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
import { accepted, batchAnswer, entryOf, refuseShared, Reply } from './ingest-answers';
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
@ApiForbiddenResponse({
  type: ErrorResponseDto,
  description: 'A shared table (head office writes it with the admin token): read-only for stores, nothing written',
})
@ApiConflictResponse({
  type: ErrorResponseDto,
  description:
    'A single record sent with `base_ver` whose record is at another version (`code: conflict`, with `conflict` and `operation_id`): logged CONFLICT, nothing applied',
})
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
    return this.single({ clientId, deviceId, table }, 'DELETE', deleteBody(id, query), id, prefer, reply);
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
    return this.single({ clientId, deviceId, table }, 'DELETE', deleteBody(id, query), id, prefer, reply);
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
    refuseShared(table);
    const received = readBatchOperations(body).map(readBatchEntry);
    if (prefersAsync(prefer) && !received.some(isBased)) {
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
    return batchAnswer((await this.ingest.ingest(clientId, table, received, deviceId)).map(entryOf));
  }

  private async single(
    { clientId, deviceId, table }: Target,
    operation: OperationType,
    body: unknown,
    pathId: string | undefined,
    prefer: string | undefined,
    reply: Reply,
  ): Promise<SingleIngestResponseDto | AcceptedSingleDto> {
    refuseShared(table);
    const received = readChange(operation, body, pathId);
    // A single record that is invalid is a bad request and writes nothing.
    if ('problems' in received) throw new BadRequestException(received.problems);
    const target = { clientId, deviceId, table };
    // A change with base_ver is decided now, whatever Prefer asks (a preference the server may decline).
    const queued =
      prefersAsync(prefer) && !isBased(received) ? await this.enqueue(target, [received], reply) : undefined;
    const [result] = queued ? queued.results : await this.ingest.ingest(clientId, table, [received], deviceId);
    if (result.status === 'ERROR') throw new UnprocessableEntityException(result.error);
    if (result.status === 'CONFLICT')
      throw new ConflictException({
        message: result.note,
        code: 'conflict',
        conflict: result.conflict,
        operation_id: result.operationId,
      });
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
      ...(result.ver !== undefined ? { ver: result.ver, data: result.data ?? null } : {}),
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

/** The DELETE routes' query as a record body. */
function deleteBody(id: string, query: DeleteQuery): Record<string, unknown> {
  return { id, ver: query.ver, id_cola: query.id_cola, base_ver: query.base_ver };
}

/** A valid change sent with base_ver: decided synchronously (docs/multi-device.md). */
function isBased(received: ReceivedChange): boolean {
  return 'change' in received && received.change.baseVer !== undefined;
}
