import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CLIENT_ID_PATTERN, MAX_BATCH, MAX_CLIENT_ID_LENGTH, MAX_VERSION, SYNCED_TABLES } from '@app/common';

/**
 * The original protocol's parameter rules, as the OpenAPI document states them. legacy-batch.ts
 * checks the same rules (FIELD_ID_PATTERN is the one it tests field_id with) and answers in the
 * protocol's own envelope and codes.
 */
export const FIELD_ID_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

/** create, update or delete (the server also takes them in capitals). */
export const LEGACY_OPERATION_SCHEMA: SchemaObject = { type: 'string', enum: ['create', 'update', 'delete'] };
export const LEGACY_TABLE_SCHEMA: SchemaObject = { type: 'string', enum: Object.keys(SYNCED_TABLES) };
export const LEGACY_FIELD_ID_SCHEMA: SchemaObject = { type: 'string', pattern: FIELD_ID_PATTERN };
export const LEGACY_CLIENT_ID_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: CLIENT_ID_PATTERN,
  minLength: 1,
  maxLength: MAX_CLIENT_ID_LENGTH,
};
/** In a query string `ver` is text: 1 to 10 digits, and its value from 1 to MAX_VERSION. */
export const LEGACY_VERSION_TEXT_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: '^\\d{1,10}$',
  description: `An integer from 1 to ${MAX_VERSION}`,
};

const RECORD = {
  type: 'object',
  description: 'A record: its own fields, and `__meta` holding its id under the field_id name',
  additionalProperties: true,
  example: { __meta: { hash_id: 'abc123' }, total: 125.5, currency: 'MXN' },
};

/** POST {prefix}/items: the JSON envelope, or NDJSON text (one record per line). */
export const ITEMS_BODY_SCHEMA = {
  oneOf: [
    {
      'x-content-type': 'application/json',
      type: 'object',
      title: 'JSON batch (application/json)',
      required: ['operation', 'records', 'table_name'],
      properties: {
        operation: {
          ...LEGACY_OPERATION_SCHEMA,
          description: 'What to do with every record',
          example: 'create',
        },
        records: {
          type: 'array',
          description: `The records, 1 to ${MAX_BATCH}`,
          minItems: 1,
          maxItems: MAX_BATCH,
          items: RECORD as SchemaObject,
        },
        table_name: { ...LEGACY_TABLE_SCHEMA, description: 'The synced table', example: 'venta' },
        client_id: {
          ...LEGACY_CLIENT_ID_SCHEMA,
          description: "The client; must be the key's (403 otherwise)",
          example: 'MTY_001',
        },
        field_id: {
          ...LEGACY_FIELD_ID_SCHEMA,
          description: "The __meta key holding each record's id (default hash_id)",
          example: 'hash_id',
        },
        ver: {
          oneOf: [{ type: 'integer', minimum: 1, maximum: MAX_VERSION }, LEGACY_VERSION_TEXT_SCHEMA],
          description: 'The batch version, a number or a numeric string (default 1)',
          example: '3',
        },
      },
    },
    {
      'x-content-type': 'text/plain',
      type: 'string',
      title: 'NDJSON (text/plain), parameters in the query string',
      description: 'One record per line',
      example: '{"__meta":{"hash_id":"abc123"},"total":125.5}\n{"__meta":{"hash_id":"def456"},"total":80}\n',
    },
  ],
} as unknown as SchemaObject; // each alternative says its content type (x-content-type): see openapi-completion

/** POST {prefix}/records: NDJSON text. */
export const STATUS_BODY_SCHEMA: SchemaObject = {
  type: 'string',
  description: 'One {"<field_id>": "<id>", "id_cola": "<job id>"} per line (id_cola optional)',
  example:
    '{"hash_id":"abc123","id_cola":"job_3kP9xQ2mLw7vR1sT"}\n{"hash_id":"def456","id_cola":"job_3kP9xQ2mLw7vR1sT"}\n',
};
