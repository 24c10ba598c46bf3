import { BadRequestException, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth, ApiTableParam, ErrorResponseDto, SyncedTable, SyncedTablePipe } from '@app/common';
import { HistoryRestoreRepository } from './history-restore.repository';
import { HistoryRestoredDto } from './operations.dto';

/** A client id as keys carry them, or the shared tables' `*shared*`. */
const CLIENT_ID = /^(?:[A-Za-z0-9_.-]{1,100}|\*shared\*)$/;

/**
 * The server-side repair of a history a DBA deleted (docs/watermelondb-rxdb.md, "Healing"): apps
 * on WatermelonDB or RxDB never ask for status, so nothing would resend those records.
 */
@ApiTags('monitoring')
@AdminAuth()
@Controller()
export class HistoryRestoreController {
  constructor(private readonly repository: HistoryRestoreRepository) {}

  @Post('admin/tables/:table/restore-history')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'restoreHistory',
    summary: "Re-creates a COMPLETED operation from each of a client's rows that has no history",
    description:
      'For every live row with no operation at its version (what GET /monitoring/missing-operations counts): one COMPLETED CREATE (version 1) or UPDATE, noted "History restored from the row by an admin". Idempotent.',
  })
  @ApiTableParam()
  @ApiQuery({
    name: 'client_id',
    required: true,
    description: 'The client (`*shared*` for a shared table)',
    schema: { type: 'string', pattern: CLIENT_ID.source, example: 'MTY_001' },
  })
  @ApiOkResponse({ type: HistoryRestoredDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A missing or malformed client_id' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  async restore(
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Query('client_id') clientId: unknown,
  ): Promise<HistoryRestoredDto> {
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
      throw new BadRequestException('client_id must be a client id (letters, digits, `_ . -`) or `*shared*`');
    const records = await this.repository.restore(clientId, table.name);
    return { restored: records.length, records };
  }
}
