import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiQueryFrom,
  ApiTableParam,
  ClientAuth,
  ClientId,
  ErrorResponseDto,
  SchemaPipe,
  SyncedTable,
  SyncedTablePipe,
} from '@app/common';
import { CHANGES_QUERY_SCHEMA, ChangesPageDto, ChangesQuery } from './changes.dto';
import { ChangesService } from './changes.service';

@ApiTags('changes')
@ClientAuth()
@Controller()
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get('tables/:table/changes')
  @ApiOperation({
    operationId: 'pullChanges',
    summary: "The change feed: the key's records changed after a cursor, at their current state",
    description:
      'Pull until `has_more` is false, storing each page and its `next` cursor together. A pull never skips a change: changes of transactions still running appear in a later pull. Deletions travel as `deleted: true`. See docs/multi-device.md.',
  })
  @ApiTableParam()
  @ApiQueryFrom(CHANGES_QUERY_SCHEMA)
  @ApiOkResponse({ type: ChangesPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'A `since` this server did not write, or `limit` out of 1-1000',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown table' })
  @ApiGoneResponse({
    type: ErrorResponseDto,
    description:
      '`code: cursor_expired`: the cursor is older than the tombstone retention; start over with a full pull (no `since`)',
  })
  pull(
    @ClientId() clientId: string,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Query(new SchemaPipe(CHANGES_QUERY_SCHEMA, 'query')) query: ChangesQuery,
  ): Promise<ChangesPageDto> {
    return this.changes.pull(clientId, table, query.since, query.limit);
  }
}
