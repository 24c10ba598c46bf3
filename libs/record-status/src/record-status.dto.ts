import { ConflictDetailDto } from '@app/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { RECORD_ID_SCHEMA, VERSION_SCHEMA } from '@app/common';
import { MAX_STATUS_QUERIES } from './status-request';

// The request shapes below document POST /records in Swagger; status-request.ts validates them
// (by hand, for speed at 1,000 queries a request).

export class StatusQueryDto {
  @ApiProperty({ ...RECORD_ID_SCHEMA, description: 'The record id (`_hash_id`)', example: 'abc123' })
  hash_id: string;

  @ApiPropertyOptional({
    ...RECORD_ID_SCHEMA,
    description: 'Prefer the operation logged with this queue job id',
    example: 'job123',
  })
  id_cola?: string;

  @ApiPropertyOptional({ ...VERSION_SCHEMA, description: 'Ask about this batch version only', example: 2 })
  ver?: number;
}

/** The batch form: up to 1,000 queries, answered in order. */
export class StatusBatchRequestDto {
  @ApiProperty({
    description: `1 to ${MAX_STATUS_QUERIES} queries, answered in order`,
    type: [StatusQueryDto],
    minItems: 1,
    maxItems: MAX_STATUS_QUERIES,
  })
  records: StatusQueryDto[];
}

/** The request body of POST /records: one query, or `records`; never both, no other property. */
export const STATUS_REQUEST_SCHEMA = {
  oneOf: [
    { allOf: [{ $ref: getSchemaPath(StatusQueryDto) }], description: 'One record: answered with one RecordStatus' },
    {
      allOf: [{ $ref: getSchemaPath(StatusBatchRequestDto) }],
      description: `Up to ${MAX_STATUS_QUERIES} records: answered with { results }`,
    },
  ],
};

export class RecordStatusDto {
  @ApiProperty({ description: 'The record id asked about', example: 'abc123' })
  hash_id: string;

  @ApiProperty({
    description:
      'PROCESSING (queued or in flight), COMPLETED, ERROR (resend: see error_details; also when the history is missing or a completed write lost its row), NOT_FOUND (never received) or CONFLICT (the change was sent with `base_ver` and found the record at another version: nothing applied, do not resend it as is; see `conflict`)',
    enum: ['PROCESSING', 'COMPLETED', 'ERROR', 'NOT_FOUND', 'CONFLICT'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiPropertyOptional({
    description: 'Why, on ERROR',
    example: 'Operation record missing but data exists in main table - please resend to recreate operation history',
  })
  error_details?: string;

  @ApiPropertyOptional({
    description: 'On COMPLETED when the record is deleted (a tombstone, or the answering operation was a DELETE)',
    example: 'Record was deleted',
  })
  note?: string;

  @ApiProperty({
    description: 'On COMPLETED with the row present: `_hash_id`, `_ver` and the fields as sent; otherwise null',
    example: { _hash_id: 'abc123', _ver: 1, name: 'John' },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'On CONFLICT: what the server holds now', type: ConflictDetailDto })
  conflict?: ConflictDetailDto;
}

export class StatusBatchResponseDto {
  @ApiProperty({ description: 'One answer per query, in request order', type: [RecordStatusDto] })
  results: RecordStatusDto[];
}
