import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminAuth,
  ApiRecordIdParam,
  ApiQueryFrom,
  ApiTableParam,
  ClientAuth,
  ClientId,
  findSyncedTable,
  RecordIdPipe,
  SyncedTable,
  SchemaPipe,
  SyncedTablePipe,
} from '@app/common';
import { LostRowsReportDto, MissingOperationsReportDto, OperationHistoryDto } from './operations.dto';
import { MONITORING_QUERY_SCHEMA, MonitoringQuery } from './monitoring-query.schema';

/** The reports' query, validated against and documented from MONITORING_QUERY_SCHEMA. */
const MonitoringQueryParams = () => Query(new SchemaPipe(MONITORING_QUERY_SCHEMA, 'query'));
import { OperationsService } from './operations.service';

const HistoryDocs = (operationId: string, summary: string) =>
  applyDecorators(
    ClientAuth(),
    ApiOperation({ operationId, summary }),
    ApiRecordIdParam(),
    ApiOkResponse({ type: OperationHistoryDto }),
  );

@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('items/:id/history')
  @HistoryDocs('itemHistory', "A record's operation history (audit trail) in DEFAULT_TABLE, oldest first")
  historyInDefault(
    @ClientId() clientId: string,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
  ): Promise<OperationHistoryDto> {
    return this.history(clientId, table, id);
  }

  @Get('tables/:table/items/:id/history')
  @HistoryDocs('tableItemHistory', "A record's operation history (audit trail) in a synced table, oldest first")
  @ApiTableParam()
  @ApiNotFoundResponse({ description: 'Unknown table' })
  historyInTable(
    @ClientId() clientId: string,
    @Param('table', SyncedTablePipe) table: SyncedTable,
    @Param('id', RecordIdPipe) id: string,
  ): Promise<OperationHistoryDto> {
    return this.history(clientId, table, id);
  }

  private async history(clientId: string, table: SyncedTable, id: string): Promise<OperationHistoryDto> {
    const entries = await this.operations.history(clientId, table.name, id);
    return {
      hash_id: id,
      table: table.name,
      operations: entries.map((e) => ({
        id: e.id,
        operation: e.operation,
        status: e.status,
        note: e.note,
        error: e.error,
        batch_version: e.batchVersion,
        queue_id: e.queueId,
        device_id: e.deviceId,
        payload: e.payload,
        changes: e.changes,
        created_at: e.createdAt.toISOString(),
        updated_at: e.updatedAt.toISOString(),
      })),
    };
  }

  @Get('monitoring/missing-operations')
  @AdminAuth()
  @ApiOperation({
    operationId: 'missingOperations',
    summary: 'Rows with no operation for their current version, per table and client',
    description:
      'Levels: 0-10 normal, 11-100 warning, over 100 critical. A missing history heals when the client resends (see README).',
  })
  @ApiQueryFrom(MONITORING_QUERY_SCHEMA)
  @ApiOkResponse({ type: MissingOperationsReportDto })
  missingOperations(@MonitoringQueryParams() query: MonitoringQuery): Promise<MissingOperationsReportDto> {
    return this.operations.missingOperationsReport({
      table: query.table ? findSyncedTable(query.table) : undefined,
      clientId: query.client_id,
    });
  }

  @Get('monitoring/lost-rows')
  @AdminAuth()
  @ApiOperation({
    operationId: 'lostRows',
    summary: 'Records whose last applied CREATE/UPDATE is COMPLETED but whose row is gone, per table and client',
    description:
      'The mirror of missing operations: a DBA, a bad restore or a clean-up removed rows the log says exist. Status answers these ERROR, so the client resends and the row comes back. Deleted records (tombstones) are not lost. Levels: 0-10 normal, 11-100 warning, over 100 critical.',
  })
  @ApiQueryFrom(MONITORING_QUERY_SCHEMA)
  @ApiOkResponse({ type: LostRowsReportDto })
  lostRows(@MonitoringQueryParams() query: MonitoringQuery): Promise<LostRowsReportDto> {
    return this.operations.lostRowsReport({
      table: query.table ? findSyncedTable(query.table) : undefined,
      clientId: query.client_id,
    });
  }
}
