import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SYNCED_TABLES } from '../synced-tables';

/**
 * The rules requests must follow, written once as JSON Schema. The same objects are what the
 * OpenAPI document shows (DTOs and route decorators use them) and what the validators check
 * (`checkValue` below interprets them), so the document cannot state a rule the code does not
 * enforce, or the other way round. test/api/conformance.e2e-spec.ts drives the server from the
 * document to prove they agree.
 */

export const MAX_RECORD_ID_LENGTH = 255;
export const MAX_VERSION = 2_147_483_647;
/** No character below U+0020 and no DEL: PostgreSQL text cannot hold NUL, and the others are always a client bug in a name. */
export const NO_CONTROL_CHARACTERS_PATTERN = '^[^\\u0000-\\u001f\\u007f]*$';
export const MAX_BATCH = 1000;
export const MAX_STATUS_QUERIES = 1000;
export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 500;

/** A record id (`_hash_id`) or a queue job id (`id_cola`). */
export const RECORD_ID_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_RECORD_ID_LENGTH,
  pattern: NO_CONTROL_CHARACTERS_PATTERN,
} as const satisfies SchemaObject;

/** A batch version (`ver`): PostgreSQL integer, from 1. */
export const VERSION_SCHEMA = { type: 'integer', minimum: 1, maximum: MAX_VERSION } as const satisfies SchemaObject;

/** A change's `base_ver`: the version the device made it on, 0 for a record it believes new (docs/multi-device.md). */
export const BASE_VERSION_SCHEMA = {
  type: 'integer',
  minimum: 0,
  maximum: MAX_VERSION - 1,
} as const satisfies SchemaObject;

/** The `:table` path parameter: one of the synced tables (anything else is 404). */
export const TABLE_SCHEMA: SchemaObject = { type: 'string', enum: Object.keys(SYNCED_TABLES) };

/** System columns of synced tables: a client field of the same name would be ambiguous. */
export const RESERVED_FIELDS = ['_hash_id', '_client_id', '_ver', '_created_at', '_updated_at'] as const;

/** How deep a record's own fields may nest (objects and arrays); deeper data is refused. */
export const MAX_FIELD_DEPTH = 64;

/** A client id as API_KEYS defines it. */
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9_.-]+$';
export const MAX_CLIENT_ID_LENGTH = 64;

/**
 * How a refused pattern is worded for a person (the pattern itself is what the document shows).
 * A pattern not listed here is quoted as it is.
 */
const PATTERN_WORDING: Record<string, string> = {
  [NO_CONTROL_CHARACTERS_PATTERN]: 'must not contain control characters',
  [CLIENT_ID_PATTERN]: 'must be letters, digits, _ . or -',
};

/** Registers the wording of a pattern defined elsewhere (next to the schema that uses it). */
export function wordPattern(pattern: string, wording: string): string {
  PATTERN_WORDING[pattern] = wording;
  return pattern;
}

export type Rule = {
  type?: string;
  enum?: readonly unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

const patterns = new Map<string, RegExp>();
const compiled = (pattern: string) =>
  patterns.get(pattern) ?? patterns.set(pattern, new RegExp(pattern, 'u')).get(pattern)!;

/**
 * Why `value` breaks `rule` (one of the schemas above), or undefined when it does not; the
 * message names the field as the API always has ("id must not be empty").
 */
export function checkValue(rule: Rule, value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return `${name} is required`;
  if (rule.enum !== undefined && !rule.enum.includes(value)) return `${name} must be one of ${rule.enum.join(', ')}`;
  if (rule.type === 'boolean') return typeof value === 'boolean' ? undefined : `${name} must be true or false`;
  if (rule.type === 'string') {
    if (typeof value !== 'string') return `${name} must be a string`;
    // Lengths count characters (code points), as JSON Schema and PostgreSQL do, not UTF-16 units;
    // only a string longer in units than the limit can need the slower count.
    const length = rule.maxLength !== undefined && value.length > rule.maxLength ? codePoints(value) : value.length;
    if (rule.minLength !== undefined && length < rule.minLength)
      return rule.minLength === 1
        ? `${name} must not be empty`
        : `${name} must be at least ${rule.minLength} characters`;
    if (rule.maxLength !== undefined && length > rule.maxLength)
      return `${name} must be at most ${rule.maxLength} characters`;
    if (rule.pattern !== undefined && !compiled(rule.pattern).test(value))
      return `${name} ${PATTERN_WORDING[rule.pattern] ?? `must match ${rule.pattern}`}`;
    return undefined;
  }
  if (rule.type === 'integer' || rule.type === 'number') {
    const inRange =
      typeof value === 'number' &&
      (rule.type === 'number' ? Number.isFinite(value) : Number.isInteger(value)) &&
      value >= (rule.minimum ?? -Infinity) &&
      value <= (rule.maximum ?? Infinity);
    return inRange
      ? undefined
      : `${name} must be ${rule.type === 'integer' ? 'an integer' : 'a number'} from ${rule.minimum} to ${rule.maximum}`;
  }
  return undefined;
}

function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
