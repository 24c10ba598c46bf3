import { CLIENT_ID_PATTERN, MAX_CLIENT_ID_LENGTH, ObjectSchema, SYNCED_TABLES } from '@app/common';

/**
 * The query of the monitoring reports (missing operations, lost rows), as JSON Schema: SchemaPipe
 * enforces it and ApiQueryFrom documents it.
 */
export const MONITORING_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    table: { type: 'string', description: 'Check only this table', enum: Object.keys(SYNCED_TABLES), example: 'venta' },
    client_id: {
      type: 'string',
      description: 'Only this client (letters, digits, _ . -, as in API_KEYS)',
      example: 'MTY_001',
      minLength: 1,
      maxLength: MAX_CLIENT_ID_LENGTH,
      pattern: CLIENT_ID_PATTERN,
    },
  },
  additionalProperties: false,
};

export interface MonitoringQuery {
  table?: string;
  client_id?: string;
}
