import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer to a queued batch. */
export class LegacyQueuedDto {
  @ApiProperty({ description: 'Always "ok" on success', example: 'ok' })
  status: 'ok';

  @ApiProperty({ description: 'What was queued', example: 'Batch of 3 records queued' })
  msg: string;

  @ApiProperty({ description: 'BATCH_QUEUED', example: 'BATCH_QUEUED' })
  status_id: 'BATCH_QUEUED';

  @ApiProperty({
    description: 'The job the batch became: ask POST /records with it, or GET /jobs/{id_cola}',
    example: 'job_3kP9xQ2mLw7vR1sT',
  })
  id_cola: string;

  @ApiProperty({ description: 'The HTTP status, repeated', example: 200 })
  status_code: 200;
}

/** Every error of the protocol. */
export class LegacyErrorDto {
  @ApiProperty({ description: 'Always "error"', example: 'error' })
  status: 'error';

  @ApiProperty({
    description: 'What is wrong, for people',
    example: 'operation is required (create, update or delete)',
  })
  msg: string;

  @ApiProperty({
    description:
      'What is wrong, for programs: MISSING_OPERATION, INVALID_OPERATION, INVALID_RECORDS, EMPTY_RECORDS, TOO_MANY_RECORDS, MISSING_TABLE_NAME, MISSING_TABLE, UNKNOWN_TABLE, MISSING_FIELD_ID, INVALID_FIELD_ID, MISSING_CLIENT_ID, CLIENT_ID_MISMATCH, INVALID_VERSION, INVALID_JSON, INVALID_NDJSON, INVALID_CONTENT_TYPE, PAYLOAD_TOO_LARGE, UNAUTHORIZED, RATE_LIMIT_EXCEEDED, SERVICE_UNAVAILABLE, INTERNAL_ERROR',
    example: 'MISSING_OPERATION',
  })
  status_id: string;

  @ApiProperty({ description: 'The HTTP status, repeated', example: 400 })
  status_code: number;
}

/** One record's status; its id is under the `field_id` name the request used (`hash_id` here). */
export class LegacyRecordStatusDto {
  // Not required as `hash_id`: the answer carries the id under whatever field_id the request named.
  @ApiPropertyOptional({
    description:
      'The record id, keyed by the field_id of the request: `hash_id` with field_id=hash_id, `recno_id` with field_id=recno_id, ...',
    example: 'abc123',
  })
  hash_id?: string;

  @ApiProperty({
    description: 'COMPLETED, PROCESSING (queued or being applied), ERROR (resend) or NOT_FOUND (send)',
    enum: ['COMPLETED', 'PROCESSING', 'ERROR', 'NOT_FOUND'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiPropertyOptional({
    description: 'A remark beside the status, such as "Record was deleted" or "History archived"',
    example: 'Record was deleted',
  })
  note?: string;

  @ApiPropertyOptional({
    description: 'Why it is ERROR',
    example: 'Operation record missing but data exists in main table - please resend to recreate operation history',
  })
  error_details?: string;

  @ApiProperty({
    description: 'The stored record (`_hash_id`, `_ver` and its fields) when COMPLETED, else null',
    example: { _hash_id: 'abc123', _ver: 3, total: 125.5 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown> | null;
}

export class LegacyStatusResponseDto {
  @ApiProperty({
    description: 'The `ver` of the request, as sent (null without one)',
    example: '3',
    nullable: true,
    type: String,
  })
  version: string | null;

  @ApiProperty({ description: 'The field_id of the request', example: 'hash_id' })
  field_id: string;

  @ApiProperty({ description: 'The table of the request', example: 'venta' })
  table: string;

  @ApiProperty({ description: "The client (the key's)", example: 'MTY_001' })
  client_id: string;

  @ApiProperty({ description: 'How many records were asked about', example: 1 })
  total_records: number;

  @ApiProperty({ description: 'One status per line of the request, in order', type: [LegacyRecordStatusDto] })
  records: LegacyRecordStatusDto[];
}
