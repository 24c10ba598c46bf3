import { MAX_PAGE, MAX_PAGE_SIZE, NO_CONTROL_CHARACTERS_PATTERN, ObjectSchema, wordPattern } from '@app/common';

/**
 * What the sync-failures routes accept, as JSON Schema: SchemaPipe / ParamRulePipe enforce these
 * objects and the OpenAPI document shows them (ApiQueryFrom, ApiBody, ApiParamFrom).
 */

/** A sync failure id (a UUID, or any id of the same alphabet). */
export const SYNC_FAILURE_ID_SCHEMA = {
  type: 'string',
  description: 'Sync failure id: 1 to 64 letters, digits, _ or -',
  example: '3f1c2b9e-8d7a-4c1b-9f0e-2a6d5c4b3a21',
  minLength: 1,
  maxLength: 64,
  pattern: wordPattern('^[A-Za-z0-9_-]+$', 'must be 1 to 64 letters, digits, _ or -'),
} as const;

const PAGE_PROPERTIES = {
  page: {
    type: 'integer',
    description: `Page number, from 1 to ${MAX_PAGE}`,
    example: 1,
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
  },
  limit: {
    type: 'integer',
    description: `Rows per page (1 to ${MAX_PAGE_SIZE}); 50 by default, 20 for /sync-failures/critical`,
    example: 50,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  },
} as const;

/** Filters are compared with stored text: NUL cannot reach PostgreSQL, and no control character is ever part of a name. */
const FILTER_PROPERTIES = {
  entity_type: {
    type: 'string',
    description: 'Only this entity type (no control characters)',
    example: 'SALE',
    minLength: 1,
    maxLength: 64,
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  },
  entity_id: {
    type: 'string',
    description: 'Only this entity id (`<client id>:<record id>`, no control characters)',
    example: 'MTY_001:abc123',
    minLength: 1,
    maxLength: 200,
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  },
  critical: {
    type: 'boolean',
    description: 'true: only failures waiting for manual intervention; false: only those still retried automatically',
    example: true,
  },
} as const;

export const PAGE_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: PAGE_PROPERTIES,
  additionalProperties: false,
};

export const LIST_SYNC_FAILURES_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: { ...FILTER_PROPERTIES, ...PAGE_PROPERTIES },
  additionalProperties: false,
};

/** POST /sync-failures/retry: every failure matching the filter (all of them when it is empty) becomes due now. */
export const RETRY_SYNC_FAILURES_SCHEMA: ObjectSchema = {
  type: 'object',
  description: 'A filter; an empty body (or none) matches every failure',
  properties: FILTER_PROPERTIES,
  additionalProperties: false,
  example: { entity_type: 'SALE', critical: true },
};

export interface PageQuery {
  page?: number;
  limit?: number;
}

export interface SyncFailureFilter {
  entity_type?: string;
  entity_id?: string;
  critical?: boolean;
}

export type ListSyncFailuresQuery = SyncFailureFilter & PageQuery;
