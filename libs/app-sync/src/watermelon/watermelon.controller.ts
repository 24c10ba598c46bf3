import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiDeviceHeader,
  ApiQueryFrom,
  ClientAuth,
  ClientId,
  DeviceId,
  ErrorResponseDto,
  SchemaPipe,
} from '@app/common';
import { refuseShared } from '@app/ingest';
import { readWatermelonChanges } from './watermelon-changes';
import { WatermelonPullService } from './watermelon-pull.service';
import { WatermelonPushService } from './watermelon-push.service';
import {
  lastPulledAt,
  WATERMELON_CHANGES_SCHEMA,
  WATERMELON_PULL_QUERY_SCHEMA,
  WATERMELON_PUSH_QUERY_SCHEMA,
  WatermelonPullDto,
  WatermelonPushDto,
  WatermelonQuery,
  WatermelonTableChangesDto,
} from './watermelon.dto';

/** WatermelonDB's sync protocol (`synchronize()`), served on the change feed and the ingest path. */
@ApiTags('watermelondb')
@ApiExtraModels(WatermelonTableChangesDto)
@ClientAuth()
@Controller('watermelon')
export class WatermelonController {
  constructor(
    private readonly pulls: WatermelonPullService,
    private readonly pushes: WatermelonPushService,
  ) {}

  @Get('sync')
  @ApiOperation({
    operationId: 'watermelonPull',
    summary: "WatermelonDB pullChanges: the key's records (and the shared tables') written since last_pulled_at",
    description: 'See docs/watermelondb-rxdb.md. Sync with `sendCreatedAsUpdated: true`.',
  })
  @ApiQueryFrom(WATERMELON_PULL_QUERY_SCHEMA)
  @ApiOkResponse({ type: WatermelonPullDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A malformed last_pulled_at or schema_version' })
  @ApiGoneResponse({
    type: ErrorResponseDto,
    description:
      '`code: cursor_expired`: last_pulled_at is older than the tombstone retention; reset the local database and sync from scratch',
  })
  pull(
    @ClientId() clientId: string,
    @Query(new SchemaPipe(WATERMELON_PULL_QUERY_SCHEMA, 'query')) query: WatermelonQuery,
  ): Promise<WatermelonPullDto> {
    return this.pulls.pull(clientId, lastPulledAt(query));
  }

  @Post('sync')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'watermelonPush',
    summary: 'WatermelonDB pushChanges: the whole local change set, applied in one transaction',
    description:
      'Versions are assigned by the server; every change is logged in the operation log. The body may be up to WATERMELON_BODY_LIMIT_BYTES (default 32 MiB). See docs/watermelondb-rxdb.md.',
  })
  @ApiDeviceHeader()
  @ApiQueryFrom(WATERMELON_PUSH_QUERY_SCHEMA)
  @ApiBody({ schema: WATERMELON_CHANGES_SCHEMA as never })
  @ApiOkResponse({ type: WatermelonPushDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'An unknown table, a malformed record: nothing written',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      '`code: changed_since_pull`: a record changed on the server after last_pulled_at; nothing written. Synchronize again (pull, then push)',
  })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'A change to a shared table (stores read them only): nothing written',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over WATERMELON_BODY_LIMIT_BYTES' })
  push(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Query(new SchemaPipe(WATERMELON_PUSH_QUERY_SCHEMA, 'query')) query: WatermelonQuery,
    @Body() body: unknown,
  ): Promise<WatermelonPushDto> {
    const tables = readWatermelonChanges(body);
    // A shared table is read-only for stores: a push holding any change to one writes nothing.
    for (const { table, records } of tables) if (records.length > 0) refuseShared(table);
    return this.pushes.push(clientId, deviceId, tables, lastPulledAt(query));
  }
}
