import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

import { MAX_BATCH } from './change';
import {
  BASE_VERSION_SCHEMA,
  ConflictDetailDto,
  MAX_FIELD_DEPTH,
  ObjectSchema,
  RECORD_ID_SCHEMA,
  RESERVED_FIELDS,
  VERSION_SCHEMA,
} from '@app/common';
import { OperationType } from '@app/database';

const FREE_FIELDS_RULES =
  `Every other field is the record's own data, stored and given back exactly as sent: any JSON except the reserved names ${RESERVED_FIELDS.join(', ')}, ` +
  `the NUL character (U+0000) or a lone UTF-16 surrogate (a \\ud800-\\udfff escape outside a pair) anywhere, ` +
  `and nesting deeper than ${MAX_FIELD_DEPTH} levels.`;

/**
 * A record body: `id`, `ver`, `id_cola` plus any fields of the client's own. The rules come from
 * request-rules; readChange enforces them. The reserved names are stated as a schema (`not`), and
 * the rules JSON Schema cannot state without recursion (depth, NUL and lone surrogates at any
 * depth) as the extensions `x-max-depth`, `x-forbidden-character` and `x-well-formed-unicode`,
 * from the constants fieldProblems uses.
 */
export const RECORD_BODY_SCHEMA: SchemaObject & Record<`x-${string}`, unknown> = {
  type: 'object',
  required: ['id'],
  additionalProperties: true,
  not: { anyOf: RESERVED_FIELDS.map((name) => ({ required: [name] })) },
  'x-max-depth': MAX_FIELD_DEPTH,
  'x-forbidden-character': 'U+0000',
  'x-well-formed-unicode': true,
  description: FREE_FIELDS_RULES,
  properties: {
    id: {
      ...RECORD_ID_SCHEMA,
      description: "The record's id, stored as `_hash_id` (no control characters)",
      example: 'abc123',
    },
    ver: {
      ...VERSION_SCHEMA,
      description:
        'Batch version, stored as `_ver` (default 1; with `base_ver`, `base_ver` + 1 when absent or not above it). An UPDATE or DELETE older than the stored version is ignored as stale.',
      example: 1,
    },
    base_ver: {
      ...BASE_VERSION_SCHEMA,
      description:
        "The version the device made this change on (0: a record it believes new). Given, the change applies only if the record is at that version; otherwise it is a CONFLICT (or merged, under the table's conflict policy). A resend of a change already applied is COMPLETED. See docs/multi-device.md",
      example: 1,
    },
    id_cola: {
      ...RECORD_ID_SCHEMA,
      description: "The client's queue job id; status queries can ask for it (no control characters)",
      example: 'job123',
    },
  },
  example: { id: 'abc123', ver: 1, id_cola: 'job123', name: 'John', total: 125.5, items: [{ sku: 'A-100', qty: 2 }] },
};

/** PUT: the id is the path's; an `id` in the body is accepted only when it is the same, so it is not documented here. */
export const UPDATE_BODY_SCHEMA: SchemaObject = {
  ...RECORD_BODY_SCHEMA,
  required: [],
  properties: {
    ver: RECORD_BODY_SCHEMA.properties!.ver,
    id_cola: RECORD_BODY_SCHEMA.properties!.id_cola,
    base_ver: RECORD_BODY_SCHEMA.properties!.base_ver,
  },
  example: { ver: 2, name: 'John', total: 130 },
};

/** One entry of a batch. */
export const BATCH_ENTRY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['operation', 'record'],
  additionalProperties: false,
  properties: {
    operation: {
      type: 'string',
      enum: Object.values(OperationType),
      description: 'What to do with the record',
      example: 'CREATE',
    },
    record: RECORD_BODY_SCHEMA,
  },
};

export class SingleIngestResponseDto {
  @ApiProperty({
    description: 'Always "success" on 2xx: the operation is durably logged as COMPLETED',
    example: 'success',
  })
  status: 'success';

  @ApiPropertyOptional({
    description: 'Why nothing changed, when nothing did',
    example: 'Duplicate bypassed',
    enum: [
      'Duplicate bypassed',
      'Stale version ignored',
      'Already deleted',
      'Record did not exist - created by update',
    ],
  })
  note?: string;

  @ApiProperty({ description: 'The record id', example: 'abc123' })
  hash_id: string;

  @ApiProperty({ description: 'The operation logged', enum: Object.values(OperationType), example: 'CREATE' })
  operation: string;

  @ApiProperty({
    description: 'Id of the operation in the log (also the Idempotency-Key sent to the external system)',
    example: '42',
  })
  operation_id: string;

  @ApiPropertyOptional({
    description:
      'Sent with `base_ver`: the version the record now has (for a merged write, the next after the one it was merged over)',
    example: 3,
  })
  ver?: number;

  @ApiPropertyOptional({
    description: 'Sent with `base_ver`: the fields the record now has (null: deleted); a device adopts them with `ver`',
    example: { qty: 7 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data?: Record<string, unknown> | null;
}

/** The query of a DELETE: SchemaPipe enforces it, ApiQueryFrom documents it. */
export const DELETE_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    ver: {
      ...VERSION_SCHEMA,
      description: 'Batch version of the delete; a stored row with a newer `_ver` is kept (stale)',
      example: 2,
    },
    id_cola: {
      ...RECORD_ID_SCHEMA,
      description: "The client's queue job id (no control characters)",
      example: 'job123',
    },
    base_ver: {
      ...BASE_VERSION_SCHEMA,
      description:
        'The version the device deleted the record at; another current version is a CONFLICT (docs/multi-device.md)',
      example: 1,
    },
  },
  additionalProperties: false,
};

export interface DeleteQuery {
  ver?: number;
  id_cola?: string;
  base_ver?: number;
}

/** Documents the batch body in Swagger; readBatchOperations validates it (by hand, for speed). */
export class BatchRequestDto {
  @ApiProperty({
    description: `1 to ${MAX_BATCH} operations, applied in order. A bad entry gets its own ERROR result and does not fail the others.`,
    example: [
      { operation: 'CREATE', record: { id: 'abc123', ver: 1, id_cola: 'job1', total: 10 } },
      { operation: 'UPDATE', record: { id: 'def456', ver: 2, total: 12 } },
      { operation: 'DELETE', record: { id: 'ghi789', ver: 3 } },
    ],
    type: 'array',
    minItems: 1,
    maxItems: MAX_BATCH,
    items: BATCH_ENTRY_SCHEMA,
  })
  operations: unknown[];
}

/** What identifies an entry of a batch in its answer, synchronous or asynchronous. */
export class BatchEntryRefDto {
  @ApiProperty({ description: 'Position of the entry in the request', example: 0 })
  index: number;

  @ApiProperty({
    description: 'The record id, when the entry had a usable one',
    example: 'abc123',
    nullable: true,
    type: String,
  })
  id: string | null;

  @ApiProperty({
    description: 'The operation, when the entry had a valid one',
    example: 'CREATE',
    nullable: true,
    type: String,
  })
  operation: string | null;
}

export class BatchResultDto extends BatchEntryRefDto {
  @ApiProperty({
    description:
      'COMPLETED (logged and applied, or a bypass with a note), ERROR, QUEUED (the record had operations waiting in the asynchronous queue: this one joined it behind them), or CONFLICT (sent with `base_ver`, the record is at another version: nothing applied)',
    enum: ['COMPLETED', 'ERROR', 'QUEUED', 'CONFLICT'],
    example: 'COMPLETED',
  })
  status: string;

  @ApiPropertyOptional({ description: 'Why nothing changed, when nothing did', example: 'Duplicate bypassed' })
  note?: string;

  @ApiPropertyOptional({ description: 'Why the entry failed', example: 'ver must be an integer from 1 to 2147483647' })
  error?: string;

  @ApiPropertyOptional({ description: 'Id of the operation in the log, when one was written', example: '42' })
  operation_id?: string;

  @ApiPropertyOptional({
    description: 'An entry sent with `base_ver` and COMPLETED: the version the record now has',
    example: 3,
  })
  ver?: number;

  @ApiPropertyOptional({
    description: 'An entry sent with `base_ver` and COMPLETED: the fields the record now has (null: deleted)',
    example: { qty: 7 },
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  data?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    description:
      'CONFLICT (sent with `base_ver`, the record is at another version; nothing applied): what the server holds',
    type: ConflictDetailDto,
  })
  conflict?: ConflictDetailDto;
}

export class BatchResponseDto {
  @ApiProperty({ description: 'One result per entry, in request order', type: [BatchResultDto] })
  results: BatchResultDto[];

  @ApiProperty({ description: 'How many entries are COMPLETED', example: 2 })
  completed: number;

  @ApiProperty({ description: 'How many entries are ERROR', example: 1 })
  failed: number;

  @ApiPropertyOptional({
    description:
      'How many entries are QUEUED: their record had operations waiting in the asynchronous queue, so they joined it behind them (present only when not 0)',
    example: 1,
  })
  queued?: number;

  @ApiPropertyOptional({
    description: 'How many entries are CONFLICT (sent with `base_ver`; present only when not 0)',
    example: 1,
  })
  conflicts?: number;
}
