import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const RECORD = {
  type: 'object',
  description: 'A record: its own fields, and `__meta` holding its id under the field_id name',
  additionalProperties: true,
  example: { __meta: { hash_id: 'abc123' }, total: 125.5, currency: 'MXN' },
};

/** POST {prefix}/items: the JSON envelope, or NDJSON text (one record per line). */
export const ITEMS_BODY_SCHEMA: SchemaObject = {
  oneOf: [
    {
      type: 'object',
      title: 'JSON batch (application/json)',
      required: ['operation', 'records', 'table_name'],
      properties: {
        operation: {
          type: 'string',
          enum: ['create', 'update', 'delete'],
          description: 'What to do with every record',
          example: 'create',
        },
        records: { type: 'array', description: 'The records, 1 to 1,000', items: RECORD as SchemaObject },
        table_name: { type: 'string', description: 'The synced table', example: 'venta' },
        client_id: { type: 'string', description: "The client; must be the key's (403 otherwise)", example: 'MTY_001' },
        field_id: {
          type: 'string',
          description: "The __meta key holding each record's id (default hash_id)",
          example: 'hash_id',
        },
        ver: {
          type: 'string',
          description: 'The batch version, a number or a numeric string (default 1)',
          example: '3',
        },
      },
    },
    {
      type: 'string',
      title: 'NDJSON (text/plain), parameters in the query string',
      description: 'One record per line',
      example: '{"__meta":{"hash_id":"abc123"},"total":125.5}\n{"__meta":{"hash_id":"def456"},"total":80}\n',
    },
  ],
};

/** POST {prefix}/records: NDJSON text. */
export const STATUS_BODY_SCHEMA: SchemaObject = {
  type: 'string',
  description: 'One {"<field_id>": "<id>", "id_cola": "<job id>"} per line (id_cola optional)',
  example:
    '{"hash_id":"abc123","id_cola":"job_3kP9xQ2mLw7vR1sT"}\n{"hash_id":"def456","id_cola":"job_3kP9xQ2mLw7vR1sT"}\n',
};
