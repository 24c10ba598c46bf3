import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_STATUS_QUERIES } from './status-request';

// The request shapes below document POST /records in Swagger; status-request.ts validates them
// (by hand, for speed at 1,000 queries a request).

export class StatusQueryDto {
  @ApiProperty({ description: 'The record id (`_hash_id`)', example: 'abc123', maxLength: 255 })
  hash_id: string;

  @ApiPropertyOptional({ description: 'Prefer the operation logged with this queue job id', example: 'job123', maxLength: 255 })
  id_cola?: string;

  @ApiPropertyOptional({ description: 'Ask about this batch version only', example: 2, minimum: 1 })
  ver?: number;
}

/** Either one query (`hash_id`, ...) or `records`: up to 1,000 queries. */
export class StatusRequestDto {
  @ApiPropertyOptional({ description: 'One record id (single form)', example: 'abc123', maxLength: 255 })
  hash_id?: string;

  @ApiPropertyOptional({ description: 'Single form: prefer the operation logged with this queue job id', example: 'job123' })
  id_cola?: string;

  @ApiPropertyOptional({ description: 'Single form: ask about this batch version only', example: 1 })
  ver?: number;

  @ApiPropertyOptional({ description: `Batch form: 1 to ${MAX_STATUS_QUERIES} queries, answered in order`, type: [StatusQueryDto] })
  records?: StatusQueryDto[];
}

export class RecordStatusDto {
  @ApiProperty({ description: 'The record id asked about', example: 'abc123' })
  hash_id: string;

  @ApiProperty({
    description: 'PROCESSING (queued or in flight), COMPLETED, ERROR (resend: see error_details; also when the history is missing or a completed write lost its row) or NOT_FOUND (never received)',
    enum: ['PROCESSING', 'COMPLETED', 'ERROR', 'NOT_FOUND'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiPropertyOptional({
    description: 'Why, on ERROR',
    example: 'Operation record missing but data exists in main table - please resend to recreate operation history',
  })
  error_details?: string;

  @ApiPropertyOptional({ description: 'On COMPLETED when the record is deleted (a tombstone, or the answering operation was a DELETE)', example: 'Record was deleted' })
  note?: string;

  @ApiProperty({
    description: 'On COMPLETED with the row present: `_hash_id`, `_ver` and the fields as sent; otherwise null',
    example: { _hash_id: 'abc123', _ver: 1, name: 'John' },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown> | null;
}

export class StatusBatchResponseDto {
  @ApiProperty({ description: 'One answer per query, in request order', type: [RecordStatusDto] })
  results: RecordStatusDto[];
}
