import { ApiProperty } from '@nestjs/swagger';
import { OperationType } from '@app/database';

export class OperationHistoryEntryDto {
  @ApiProperty({ description: 'Operation id in the log', example: '42' })
  id: string;

  @ApiProperty({ description: 'What the client asked for', enum: Object.values(OperationType), example: 'CREATE' })
  operation: string;

  @ApiProperty({
    description: 'What became of it',
    enum: ['QUEUED', 'PROCESSING', 'COMPLETED', 'ERROR', 'CONFLICT'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiProperty({
    description: 'Why a COMPLETED operation changed nothing, if it did not',
    example: 'Duplicate bypassed',
    nullable: true,
    type: String,
  })
  note: string | null;

  @ApiProperty({ description: 'Why the operation failed, if it did', example: null, nullable: true, type: String })
  error: string | null;

  @ApiProperty({ description: 'The batch version (`ver`) the client sent', example: 1 })
  batch_version: number;

  @ApiProperty({
    description: 'The client queue job id (`id_cola`) it came with',
    example: 'job-123',
    nullable: true,
    type: String,
  })
  queue_id: string | null;

  @ApiProperty({
    description: "The device that sent it (the request's `X-Device-Id` header), null when it named none",
    example: 'till-2',
    nullable: true,
    type: String,
  })
  device_id: string | null;

  @ApiProperty({
    description: 'The version the change was made on (`base_ver`), null when it was sent without one',
    example: 1,
    nullable: true,
    type: Number,
  })
  base_ver: number | null;

  @ApiProperty({
    description:
      "The record's own fields exactly as the client sent them (null for a DELETE, for an operation rejected before it could be read, and when AUDIT_PAYLOADS is off)",
    example: { total: 130, currency: 'MXN' },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  payload: Record<string, unknown> | null;

  @ApiProperty({
    description:
      'For an applied UPDATE: the top-level fields it changed against the previous version (`from` the old value, `to` the new; no `from`: added, no `to`: removed). Null for other operations and when the previous version is not known',
    example: { total: { from: 125.5, to: 130 }, coupon: { to: 'NOV10' } },
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
  })
  changes: Record<string, { from?: unknown; to?: unknown }> | null;

  @ApiProperty({ description: 'When it was logged', example: '2026-11-23T10:15:00.000Z' })
  created_at: string;

  @ApiProperty({ description: 'When its status last changed', example: '2026-11-23T10:15:00.000Z' })
  updated_at: string;
}

export class ArchivedHistoryDto {
  @ApiProperty({ description: 'Id the newest retired operation had in the log', example: '42' })
  operation_id: string;

  @ApiProperty({ description: 'Its operation', enum: ['CREATE', 'UPDATE', 'DELETE'], example: 'UPDATE' })
  operation: string;

  @ApiProperty({ description: 'Its status', enum: ['COMPLETED', 'ERROR'], example: 'COMPLETED' })
  status: string;

  @ApiProperty({ description: 'Its batch version', example: 3 })
  batch_version: number;

  @ApiProperty({ description: 'When it was logged', example: '2025-11-24T23:50:00.000Z' })
  created_at: string;
}

export class OperationHistoryDto {
  @ApiProperty({ description: 'The record id (`_hash_id`)', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The synced table', example: 'venta' })
  table: string;

  @ApiProperty({
    description: 'Every operation on the record still in the log, oldest first',
    type: [OperationHistoryEntryDto],
  })
  operations: OperationHistoryEntryDto[];

  @ApiProperty({
    description:
      'Present only when retention (OPERATION_LOG_RETENTION) retired older operations of the record (archived, see docs/operation-log.md): the newest of them',
    type: ArchivedHistoryDto,
    required: false,
  })
  archived?: ArchivedHistoryDto;
}

const LEVELS = ['normal', 'warning', 'critical'];

/** A client's level in a monitoring report, by how many of its rows are affected. */
const LevelProperty = (example: string) =>
  ApiProperty({ description: '0-10 normal, 11-100 warning, over 100 critical', enum: LEVELS, example });

/** What both monitoring reports (missing operations, lost rows) say first: the overall level and its thresholds. */
abstract class MonitoringReportDto {
  @ApiProperty({ description: 'The worst level of any client and table', enum: LEVELS, example: 'normal' })
  level: string;

  @ApiProperty({ description: 'Level thresholds in use', example: { warning: 10, critical: 100 } })
  thresholds: { warning: number; critical: number };
}

export class MissingOperationRecordDto {
  @ApiProperty({ description: 'Record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'Its current `_ver`', example: 1 })
  ver: number;

  @ApiProperty({ description: 'When the row was created', example: '2026-11-23T10:15:00.000Z' })
  created_at: string;
}

export class MissingOperationsClientDto {
  @ApiProperty({ description: 'Client id', example: 'MTY_001' })
  client_id: string;

  @ApiProperty({ description: 'Rows with no operation for their current version', example: 12 })
  missing: number;

  @LevelProperty('warning')
  level: string;

  @ApiProperty({ description: 'Up to 100 of them, newest first', type: [MissingOperationRecordDto] })
  records: MissingOperationRecordDto[];
}

export class MissingOperationsTableDto {
  @ApiProperty({ description: 'Synced table', example: 'venta' })
  table: string;

  @ApiProperty({ description: 'Rows without operations in this table, all clients', example: 12 })
  missing: number;

  @ApiProperty({
    description: 'Per client, most missing first (clients with none are not listed)',
    type: [MissingOperationsClientDto],
  })
  clients: MissingOperationsClientDto[];
}

export class MissingOperationsReportDto extends MonitoringReportDto {
  @ApiProperty({ description: 'One entry per synced table checked', type: [MissingOperationsTableDto] })
  tables: MissingOperationsTableDto[];
}

export class LostRecordDto {
  @ApiProperty({ description: 'Record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The version its last applied operation wrote', example: 2 })
  ver: number;

  @ApiProperty({ description: 'That operation', enum: ['CREATE', 'UPDATE'], example: 'CREATE' })
  operation: string;

  @ApiProperty({ description: 'When that operation completed', example: '2026-11-23T10:15:00.000Z' })
  completed_at: string;

  @ApiProperty({
    description:
      'Device that sent that operation (X-Device-Id or a device-bound key); null: sent without a device, or its history was retired',
    example: 'till-2',
    nullable: true,
    type: String,
  })
  device_id: string | null;
}

export class LostRowsClientDto {
  @ApiProperty({ description: 'Client id', example: 'MTY_001' })
  client_id: string;

  @ApiProperty({ description: 'Records of this client whose row is lost', example: 3 })
  lost: number;

  @LevelProperty('normal')
  level: string;

  @ApiProperty({ description: 'Up to 100 of them, most recently completed first', type: [LostRecordDto] })
  records: LostRecordDto[];
}

export class LostRowsTableDto {
  @ApiProperty({ description: 'Synced table', example: 'venta' })
  table: string;

  @ApiProperty({ description: 'Lost rows in this table, all clients', example: 3 })
  lost: number;

  @ApiProperty({
    description: 'Per client, most lost first (clients with none are not listed)',
    type: [LostRowsClientDto],
  })
  clients: LostRowsClientDto[];
}

export class LostRowsReportDto extends MonitoringReportDto {
  @ApiProperty({ description: 'One entry per synced table checked', type: [LostRowsTableDto] })
  tables: LostRowsTableDto[];
}

export class RestoredRecordDto {
  @ApiProperty({ description: 'The record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The version whose operation was re-created', example: 2 })
  ver: number;
}

export class HistoryRestoredDto {
  @ApiProperty({ description: 'Operations re-created', example: 1 })
  restored: number;

  @ApiProperty({ description: 'The records whose history was re-created, by id', type: [RestoredRecordDto] })
  records: RestoredRecordDto[];
}
