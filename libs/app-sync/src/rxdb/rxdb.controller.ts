import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiDeviceHeader,
  ApiTableParam,
  ClientAuth,
  ClientId,
  DeviceId,
  ErrorResponseDto,
  SyncedTable,
  SyncedTablePipe,
} from '@app/common';
import { refuseShared } from '@app/ingest';
import { RxdbPullService, RxPullResult } from './rxdb-pull.service';
import { RxdbPushService } from './rxdb-push.service';
import { readPullBody, readPushRows, RX_PULL_BODY_SCHEMA, RX_PUSH_BODY_SCHEMA, RxPullDto } from './rxdb.dto';

/** RxDB's replication protocol (`replicateRxCollection`), one collection per synced table. */
@ApiTags('rxdb')
@ClientAuth()
@Controller('rxdb')
export class RxdbController {
  constructor(
    private readonly pulls: RxdbPullService,
    private readonly pushes: RxdbPushService,
  ) {}

  @Post(':table/pull')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rxdbPull',
    summary: "RxDB pull handler: the table's documents changed after a checkpoint, in feed order",
    description: 'See docs/watermelondb-rxdb.md.',
  })
  @ApiTableParam()
  @ApiBody({ schema: RX_PULL_BODY_SCHEMA as never })
  @ApiOkResponse({ type: RxPullDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A malformed checkpoint or batchSize' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  @ApiGoneResponse({
    type: ErrorResponseDto,
    description:
      '`code: cursor_expired`: the checkpoint is older than the tombstone retention; resync from a null checkpoint',
  })
  pull(
    @ClientId() clientId: string,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
  ): Promise<RxPullResult> {
    const { checkpoint, batchSize } = readPullBody(body);
    return this.pulls.pull(clientId, table, checkpoint, batchSize);
  }

  @Post(':table/push')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rxdbPush',
    summary: "RxDB push handler: applies the rows whose assumed master state is the server's, answers the conflicts",
    description:
      "Answers the server's current document for every conflicting row (an empty array when none). Every row applied or refused is logged. See docs/watermelondb-rxdb.md.",
  })
  @ApiTableParam()
  @ApiDeviceHeader()
  @ApiBody({ schema: RX_PUSH_BODY_SCHEMA as never })
  @ApiOkResponse({
    description: "The server's current documents of the conflicting rows",
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed rows or more than 1,000: nothing written' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A shared table: stores read it only' })
  push(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
  ): Promise<Record<string, unknown>[]> {
    refuseShared(table);
    return this.pushes.push(clientId, deviceId, table, readPushRows(body));
  }
}
