import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ClientAuth, ClientId, ErrorResponseDto, SyncedTable, SyncedTablePipe } from '@app/common';
import { RecordStatusDto, StatusBatchResponseDto, StatusRequestDto } from './record-status.dto';
import { RecordStatusService } from './record-status.service';
import { readStatusRequest } from './status-request';

@ApiTags('record-status')
@ApiExtraModels(RecordStatusDto, StatusBatchResponseDto, StatusRequestDto)
@ClientAuth()
@Controller()
export class RecordStatusController {
  constructor(private readonly status: RecordStatusService) {}

  @Post(['records', 'tables/:table/records'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'What became of a record (or of up to 1,000)',
    description:
      'Operation found: its status. No operation but the row exists: ERROR, resend the record to recreate its history. Neither: NOT_FOUND. `/records` acts on DEFAULT_TABLE.',
  })
  @ApiParam({ name: 'table', required: false, description: 'Synced table (only in /tables/{table}/records)', example: 'venta' })
  @ApiOkResponse({ description: 'A RecordStatus for the single form, { results } for the batch form', schema: { oneOf: [{ $ref: getSchemaPath(RecordStatusDto) }, { $ref: getSchemaPath(StatusBatchResponseDto) }] } })
  @ApiBody({ type: StatusRequestDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  async query(@ClientId() clientId: string, @Param('table', SyncedTablePipe) table: SyncedTable, @Body() body: unknown): Promise<RecordStatusDto | StatusBatchResponseDto> {
    const request = readStatusRequest(body);
    const results = await this.status.statusOf(clientId, table, request.queries);
    return request.single ? results[0] : { results };
  }

}
