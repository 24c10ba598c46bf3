import { ApiProperty } from '@nestjs/swagger';
import { OperationType } from '@app/database';

export class SyncFailureDto {
  @ApiProperty({ description: 'Sync failure id', example: '3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21' })
  id: string;

  @ApiProperty({ description: "The external system's entity type", example: 'SALE' })
  entity_type: string;

  @ApiProperty({
    description: 'Entity id, unique across clients: `<client id>:<record id>`',
    example: 'MTY_001:abc123',
  })
  entity_id: string;

  @ApiProperty({ description: 'The action last sent', enum: Object.values(OperationType), example: 'CREATE' })
  action: string;

  @ApiProperty({ description: 'Why the last attempt failed', example: 'HTTP 500: Internal Server Error' })
  error: string;

  @ApiProperty({
    description: 'The payload last sent (JSON)',
    example: { _hash_id: 'abc123', _ver: 1, total: 125.5 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  payload: unknown;

  @ApiProperty({ description: 'Retries made so far (the first delivery is not counted)', example: 1 })
  retry_count: number;

  @ApiProperty({
    description: 'When the last retry failed',
    example: '2026-11-23T10:20:00.000Z',
    nullable: true,
    type: String,
  })
  last_retry_at: string | null;

  @ApiProperty({
    description: 'When the next automatic retry is due; null: waiting for manual intervention',
    example: '2026-11-23T10:35:00.000Z',
    nullable: true,
    type: String,
  })
  next_retry_at: string | null;

  @ApiProperty({
    description: 'Waiting for manual intervention: the maximum retries reached, or no retry scheduled',
    example: false,
  })
  critical: boolean;

  @ApiProperty({ description: 'Client that owns the record', example: 'MTY_001' })
  client_id: string;

  @ApiProperty({ description: 'Synced table of the record', example: 'venta' })
  table_name: string;

  @ApiProperty({ description: 'Record id (`_hash_id`)', example: 'abc123' })
  record_id: string;

  @ApiProperty({
    description: 'Operation log id of the change that failed to deliver (the Idempotency-Key)',
    example: '42',
    nullable: true,
    type: String,
  })
  operation_id: string | null;

  @ApiProperty({
    description:
      'Device that made that operation (X-Device-Id or a device-bound key); null: sent without a device, or the operation is no longer in the log',
    example: 'tablet-3',
    nullable: true,
    type: String,
  })
  device_id: string | null;

  @ApiProperty({ description: 'When the first delivery failed', example: '2026-11-23T10:15:00.000Z' })
  created_at: string;

  @ApiProperty({ description: 'When the row last changed', example: '2026-11-23T10:20:00.000Z' })
  updated_at: string;
}

export class SyncFailurePageDto {
  @ApiProperty({ description: 'This page of failures, newest first', type: [SyncFailureDto] })
  items: SyncFailureDto[];

  @ApiProperty({ description: 'Failures matching the filter, all pages', example: 1 })
  total: number;

  @ApiProperty({ description: 'This page number', example: 1 })
  page: number;

  @ApiProperty({ description: 'Rows per page', example: 50 })
  limit: number;
}

export class RetryResultDto {
  @ApiProperty({ description: 'Sync failure id', example: '3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21' })
  id: string;

  @ApiProperty({
    description:
      'delivered: the row is deleted; retry_scheduled: failed, retried automatically later; manual_intervention: failed, waits for a person',
    enum: ['delivered', 'retry_scheduled', 'manual_intervention'],
    example: 'delivered',
  })
  outcome: string;

  @ApiProperty({ description: 'Why the attempt failed, if it did', example: null, nullable: true, type: String })
  error: string | null;

  @ApiProperty({
    description: 'The failure after the attempt; null once delivered',
    type: SyncFailureDto,
    nullable: true,
  })
  failure: SyncFailureDto | null;
}

export class ScheduledRetryDto {
  @ApiProperty({
    description: 'Failures made due now; the retry job (SYNC_RETRY_CRON) sends them on its next run',
    example: 3,
  })
  scheduled: number;

  @ApiProperty({ description: 'The next_retry_at they were given', example: '2026-11-23T10:40:00.000Z' })
  next_retry_at: string;
}
