import { ApiParam } from '@nestjs/swagger';
import { RECORD_ID_SCHEMA, TABLE_SCHEMA } from './request-rules';

/** The `:table` path parameter, documented with the enum of synced tables (anything else: 404). */
export const ApiTableParam = (description = 'Synced table') =>
  ApiParam({ name: 'table', description, schema: { ...TABLE_SCHEMA, example: 'venta' } });

/** The `:id` path parameter of a record, documented with the rules RecordIdPipe enforces (RECORD_ID_SCHEMA). */
export const ApiRecordIdParam = (description = 'The record id (`_hash_id`)') =>
  ApiParam({
    name: 'id',
    description: `${description}: 1 to 255 characters, no control characters`,
    schema: { ...RECORD_ID_SCHEMA, example: 'abc123' },
  });
