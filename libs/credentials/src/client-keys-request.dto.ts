import {
  CLIENT_ID_PATTERN,
  MAX_CLIENT_ID_LENGTH,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  NO_CONTROL_CHARACTERS_PATTERN,
  ObjectSchema,
  wordPattern,
} from '@app/common';

/**
 * What the client-keys routes accept, as JSON Schema: SchemaPipe / ParamRulePipe enforce these
 * objects and the OpenAPI document shows them.
 */

export const MAX_KEY_LIFETIME_SECONDS = 10 * 365 * 86_400;
export const MAX_GRACE_SECONDS = 30 * 86_400;

export const DEVICE_ID_PATTERN = wordPattern('^[A-Za-z0-9_.:-]+$', 'must be letters, digits, _ . : or -');

export const KEY_ID_SCHEMA = {
  type: 'string',
  description: 'Key id: the 12 characters after rsk_ in the key (also shown as its prefix)',
  example: 'k3x9q2m7a1b4',
  minLength: 1,
  maxLength: 64,
  pattern: wordPattern('^[a-z0-9]+$', 'must be lowercase letters and digits'),
} as const;

const CLIENT_ID = {
  type: 'string',
  description: 'The store (client id) the key acts for',
  example: 'MTY_001',
  minLength: 1,
  maxLength: MAX_CLIENT_ID_LENGTH,
  pattern: CLIENT_ID_PATTERN,
} as const;

const DEVICE_ID = {
  type: 'string',
  description: "The device the key is bound to: requests with it act as this device (omit for a store's key)",
  example: 'till-2',
  minLength: 1,
  maxLength: 64,
  pattern: DEVICE_ID_PATTERN,
} as const;

const EXPIRES_IN = {
  type: 'integer',
  description: 'Seconds until the key expires (omit: it never expires)',
  example: 7_776_000,
  minimum: 60,
  maximum: MAX_KEY_LIFETIME_SECONDS,
} as const;

export const ISSUE_KEY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    client_id: CLIENT_ID,
    device_id: DEVICE_ID,
    label: {
      type: 'string',
      description: 'A note for operators (no control characters)',
      example: 'Monterrey till 2',
      minLength: 1,
      maxLength: 200,
      pattern: NO_CONTROL_CHARACTERS_PATTERN,
    },
    expires_in_seconds: EXPIRES_IN,
  },
  required: ['client_id'],
  additionalProperties: false,
  example: { client_id: 'MTY_001', device_id: 'till-2', label: 'Monterrey till 2' },
};

export interface IssueKeyBody {
  client_id: string;
  device_id?: string;
  label?: string;
  expires_in_seconds?: number;
}

export const ROTATE_KEY_SCHEMA: ObjectSchema = {
  type: 'object',
  description:
    'Both optional; an empty body (or none) keeps the old key working for CLIENT_KEY_ROTATE_GRACE (24 h by default)',
  properties: {
    grace_seconds: {
      type: 'integer',
      description: 'How long the old key keeps working (0: stops now); CLIENT_KEY_ROTATE_GRACE (24 h) by default',
      example: 86_400,
      minimum: 0,
      maximum: MAX_GRACE_SECONDS,
    },
    expires_in_seconds: { ...EXPIRES_IN, description: 'Seconds until the new key expires (omit: it never expires)' },
  },
  additionalProperties: false,
  example: { grace_seconds: 3600 },
};

export interface RotateKeyBody {
  grace_seconds?: number;
  expires_in_seconds?: number;
}

export const LIST_KEYS_QUERY_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    client_id: { ...CLIENT_ID, description: "Only this store's keys" },
    device_id: { ...DEVICE_ID, description: "Only this device's keys" },
    include_inactive: {
      type: 'boolean',
      description: 'true: revoked and expired keys too (false by default)',
      example: false,
    },
    page: {
      type: 'integer',
      description: `Page number, from 1 to ${MAX_PAGE}`,
      example: 1,
      minimum: 1,
      maximum: MAX_PAGE,
    },
    limit: {
      type: 'integer',
      description: `Keys per page (1 to ${MAX_PAGE_SIZE}); 100 by default`,
      example: 100,
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
    },
  },
  additionalProperties: false,
};

export interface ListKeysQuery {
  client_id?: string;
  device_id?: string;
  include_inactive?: boolean;
  page?: number;
  limit?: number;
}
