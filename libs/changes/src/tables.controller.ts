import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { allSyncedTables, ClientAuth } from '@app/common';
import { SyncedTableDto, SyncedTablesDto } from './tables.dto';

/** What a device syncs: the tables it pulls, which are shared (read-only) and how conflicts resolve. */
@ApiTags('changes')
@ClientAuth()
@Controller()
export class TablesController {
  @Get('tables')
  @ApiOperation({
    operationId: 'listTables',
    summary: 'The synced tables: which to pull, which are shared (read-only for stores), and their conflict policy',
    description: 'A client pulls the feed of each (GET /tables/{table}/changes). See docs/multi-device.md.',
  })
  @ApiOkResponse({ type: SyncedTablesDto })
  list(): SyncedTablesDto {
    return { tables: allSyncedTables().map((table) => SyncedTableDto.of(table)) };
  }
}
