import { Body, Controller, Headers, HttpCode, Inject, Post, Query, Req, UseFilters } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, ClientAuth, ClientId, MAX_BATCH, MAX_STATUS_QUERIES } from '@app/common';
import { checkClientId, readLegacyBatch } from './legacy-batch';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';
import { LegacyExceptionFilter } from './legacy-exception.filter';
import { LegacyProtocolService } from './legacy-protocol.service';
import { readLegacyStatusRequest } from './legacy-status-request';
import { LegacyErrorDto, LegacyQueuedDto, LegacyStatusResponseDto } from './legacy.dto';
import { mediaType, NDJSON_TYPES, readTextBody } from './text-body';
import { readNdjson } from './ndjson';
import {
  ITEMS_BODY_SCHEMA,
  LEGACY_CLIENT_ID_SCHEMA,
  LEGACY_FIELD_ID_SCHEMA,
  LEGACY_OPERATION_SCHEMA,
  LEGACY_TABLE_SCHEMA,
  LEGACY_VERSION_TEXT_SCHEMA,
  STATUS_BODY_SCHEMA,
} from './legacy-openapi';

type RawRequest = { headers: Record<string, string | string[] | undefined>; raw?: unknown };

const ERRORS = [
  ApiResponse({
    status: 400,
    type: LegacyErrorDto,
    description: 'Bad input (status_id says which); nothing is written',
  }),
  ApiResponse({ status: 401, type: LegacyErrorDto, description: 'Missing or unknown key (UNAUTHORIZED)' }),
  ApiResponse({
    status: 403,
    type: LegacyErrorDto,
    description: 'client_id is not the client of the key (CLIENT_ID_MISMATCH); nothing is written',
  }),
  ApiResponse({ status: 404, type: LegacyErrorDto, description: 'Unknown table (UNKNOWN_TABLE)' }),
  ApiResponse({ status: 413, type: LegacyErrorDto, description: 'Too many records or too large a body' }),
  ApiResponse({ status: 415, type: LegacyErrorDto, description: 'Not JSON or NDJSON (INVALID_CONTENT_TYPE)' }),
];
const Errors = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of ERRORS) decorate(target, key, descriptor);
};

/**
 * The original server's routes, served under LEGACY_PREFIX so that its store clients work by
 * changing only their base URL (README "The original store clients' protocol").
 */
@ApiTags('legacy-protocol')
@ApiExtraModels(LegacyErrorDto)
@ClientAuth()
@UseFilters(LegacyExceptionFilter)
@Controller()
export class LegacyProtocolController {
  constructor(
    private readonly protocol: LegacyProtocolService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('items')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'legacyQueueBatch',
    summary: 'Queue a batch of records as one job (the original protocol: JSON or NDJSON)',
    description:
      'JSON: `{"operation","records","table_name","client_id","field_id","ver"}`. NDJSON (`Content-Type: text/plain`): one record per line, the other parameters in the query string. ' +
      "Each record holds its fields and `__meta` with its id under the field_id key. The batch becomes one job (`id_cola`) of the asynchronous pipeline; ask POST /records for each record's outcome. " +
      `At most LEGACY_RATE_LIMIT (20) batches per client per LEGACY_RATE_WINDOW (1 minute): 429 RATE_LIMIT_EXCEEDED with Retry-After beyond that.`,
  })
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ schema: ITEMS_BODY_SCHEMA })
  @ApiQuery({
    name: 'operation',
    required: false,
    description: 'NDJSON form (required with a text/plain body): create, update or delete',
    example: 'create',
    schema: LEGACY_OPERATION_SCHEMA,
  })
  @ApiQuery({
    name: 'table_name',
    required: false,
    description: 'NDJSON form (required with a text/plain body): the synced table',
    example: 'venta',
    schema: LEGACY_TABLE_SCHEMA,
  })
  @ApiQuery({
    name: 'client_id',
    required: false,
    description: "NDJSON form: the client; must be the key's",
    example: 'MTY_001',
    schema: LEGACY_CLIENT_ID_SCHEMA,
  })
  @ApiQuery({
    name: 'field_id',
    required: false,
    description: 'NDJSON form: the __meta key holding each record id (default hash_id)',
    example: 'hash_id',
    schema: LEGACY_FIELD_ID_SCHEMA,
  })
  @ApiQuery({
    name: 'ver',
    required: false,
    description: 'NDJSON form: the batch version (default 1)',
    example: '3',
    schema: LEGACY_VERSION_TEXT_SCHEMA,
  })
  @ApiOkResponse({ type: LegacyQueuedDto })
  @ApiResponse({ status: 429, type: LegacyErrorDto, description: 'RATE_LIMIT_EXCEEDED, with Retry-After' })
  @Errors()
  async queue(
    @ClientId() clientId: string,
    @Req() request: RawRequest,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<LegacyQueuedDto> {
    const type = mediaType(contentType);
    let batch;
    if (type === 'application/json') {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw LegacyProtocolError.badRequest(
          LegacyCode.InvalidJson,
          'The body must be a JSON object {"operation", "records", "table_name", ...}',
        );
      // A client_id in the query string is checked too (the README promises 403 for another client's).
      checkClientId(clientId, query.client_id, false);
      const params = body as Record<string, unknown>;
      batch = readLegacyBatch(clientId, params, params.records, MAX_BATCH);
    } else if (NDJSON_TYPES.includes(type)) {
      const text = await readTextBody(request, body, this.config.bodyLimitBytes);
      batch = readLegacyBatch(clientId, query, readNdjson(text, MAX_BATCH), MAX_BATCH);
    } else {
      throw new LegacyProtocolError(
        LegacyCode.InvalidContentType,
        415,
        'Content-Type must be application/json, or text/plain with one JSON record per line',
      );
    }
    const queued = await this.protocol.queueBatch(clientId, batch);
    const refused = queued.refused > 0 ? `; ${queued.refused} refused (ask POST /records for why)` : '';
    return {
      status: 'ok',
      msg: `Batch of ${batch.changes.length} records queued${refused}`,
      status_id: 'BATCH_QUEUED',
      id_cola: queued.jobId,
      status_code: 200,
    };
  }

  @Post('records')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'legacyRecordStatus',
    summary: 'What became of each record (the original protocol: NDJSON body, parameters in the query string)',
    description:
      'One `{"<field_id>": "<id>", "id_cola": "<job id>"}` per line (`Content-Type: text/plain`), up to 1,000. Answers one status per line in order, each keyed by the field_id name. The decision tree is the one of POST /records.',
  })
  @ApiConsumes('text/plain')
  @ApiBody({ schema: STATUS_BODY_SCHEMA })
  @ApiQuery({
    name: 'table',
    required: true,
    description: 'The synced table',
    example: 'venta',
    schema: LEGACY_TABLE_SCHEMA,
  })
  @ApiQuery({
    name: 'field_id',
    required: true,
    description: 'The name the lines (and answers) carry each record id under',
    example: 'hash_id',
    schema: LEGACY_FIELD_ID_SCHEMA,
  })
  @ApiQuery({
    name: 'client_id',
    required: true,
    description: "The client; must be the key's",
    example: 'MTY_001',
    schema: LEGACY_CLIENT_ID_SCHEMA,
  })
  @ApiQuery({
    name: 'ver',
    required: false,
    description: 'Only operations of this batch version (without it, the newest answers)',
    example: '3',
    schema: LEGACY_VERSION_TEXT_SCHEMA,
  })
  @ApiOkResponse({ type: LegacyStatusResponseDto })
  @Errors()
  async status(
    @ClientId() clientId: string,
    @Req() request: RawRequest,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<LegacyStatusResponseDto> {
    if (!NDJSON_TYPES.includes(mediaType(contentType))) {
      throw new LegacyProtocolError(
        LegacyCode.InvalidContentType,
        415,
        'Content-Type must be text/plain with one JSON object per line',
      );
    }
    const text = await readTextBody(request, body, this.config.bodyLimitBytes);
    return this.protocol.statusOf(clientId, readLegacyStatusRequest(clientId, query, text, MAX_STATUS_QUERIES));
  }
}
