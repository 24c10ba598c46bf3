import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
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
import {
  RecordStatusDto,
  STATUS_REQUEST_SCHEMA,
  StatusBatchRequestDto,
  StatusBatchResponseDto,
  StatusQueryDto,
} from './record-status.dto';
import { RecordStatusService } from './record-status.service';
import { readStatusRequest } from './status-request';

const DESCRIPTION =
  'Operation found: its status. No operation but the row exists: ERROR, resend the record to recreate its history. Neither: NOT_FOUND.';

@ApiTags('record-status')
@ApiExtraModels(RecordStatusDto, StatusBatchResponseDto, StatusQueryDto, StatusBatchRequestDto)
@ClientAuth()
@ApiDeviceHeader()
@Controller()
export class RecordStatusController {
  constructor(private readonly status: RecordStatusService) {}

  @Post('records')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordStatus',
    summary: 'What became of a record (or of up to 1,000) in DEFAULT_TABLE',
    description: DESCRIPTION,
  })
  @ApiBody({ schema: STATUS_REQUEST_SCHEMA })
  @ApiOkResponse({
    description: 'A RecordStatus for the single form, { results } for the batch form',
    schema: { oneOf: [{ $ref: getSchemaPath(RecordStatusDto) }, { $ref: getSchemaPath(StatusBatchResponseDto) }] },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  queryDefault(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
  ): Promise<RecordStatusDto | StatusBatchResponseDto> {
    return this.query(clientId, deviceId, table, body);
  }

  @Post('tables/:table/records')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'tableRecordStatus',
    summary: 'What became of a record (or of up to 1,000) in a synced table',
    description: DESCRIPTION,
  })
  @ApiTableParam()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  @ApiBody({ schema: STATUS_REQUEST_SCHEMA })
  @ApiOkResponse({
    description: 'A RecordStatus for the single form, { results } for the batch form',
    schema: { oneOf: [{ $ref: getSchemaPath(RecordStatusDto) }, { $ref: getSchemaPath(StatusBatchResponseDto) }] },
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  queryTable(
    @ClientId() clientId: string,
    @DeviceId() deviceId: string | null,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Body() body: unknown,
  ): Promise<RecordStatusDto | StatusBatchResponseDto> {
    return this.query(clientId, deviceId, table, body);
  }

  private async query(
    clientId: string,
    deviceId: string | null,
    table: SyncedTable,
    body: unknown,
  ): Promise<RecordStatusDto | StatusBatchResponseDto> {
    const request = readStatusRequest(body);
    const results = await this.status.statusOf(clientId, table, request.queries, deviceId);
    return request.single ? results[0] : { results };
  }
}
