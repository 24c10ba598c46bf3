import { BadRequestException } from '@nestjs/common';
import {
  checkValue,
  MAX_BATCH,
  MAX_FIELD_DEPTH,
  BASE_VERSION_SCHEMA,
  recordIdProblem,
  RESERVED_FIELDS as RESERVED,
  VERSION_SCHEMA,
} from '@app/common';
import { OperationType } from '@app/database';

// The operation log's own enum (Prisma generates it from schema.prisma): one definition.
export { OperationType };
export const OPERATION_TYPES: readonly OperationType[] = Object.values(OperationType);

/** A validated change to one record. */
export interface Change {
  operation: OperationType;
  id: string;
  /** The client's batch version (`ver`), 1 when not given. */
  ver: number;
  queueId: string | null;
  /** The client's own fields, exactly as sent; null for DELETE. */
  fields: Record<string, unknown> | null;
  /**
   * The version the device made the change on (`base_ver`, docs/multi-device.md); absent: today's
   * decision table applies unchanged.
   */
  baseVer?: number;
}

/** A change as received: valid, or the reasons it is not (with whatever could be read of it). */
export type ReceivedChange = { change: Change } | { problems: string[]; id?: string; operation?: OperationType };

/** System columns of synced tables; a client field of the same name would be ambiguous. */
const RESERVED_FIELDS = new Set<string>(RESERVED);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a record as clients send it: `id` (its `_hash_id`), optional `ver`, `id_cola` and
 * `base_ver`, and every other key as the record's own data. `pathId`, when the route has one, must
 * agree with `id`. With `base_ver`, the version written is `ver` when above it, else `base_ver + 1`.
 */
export function readChange(operation: OperationType, body: unknown, pathId?: string): ReceivedChange {
  const problems: string[] = [];
  const record = body === undefined && operation === 'DELETE' ? {} : body;
  if (!isPlainObject(record)) return { problems: ['the record must be a JSON object'], id: pathId, operation };

  const id = record.id ?? pathId;
  const idProblem = recordIdProblem(id, 'id');
  if (idProblem) problems.push(idProblem);
  if (pathId !== undefined && record.id !== undefined && record.id !== pathId)
    problems.push('id in the body does not match the id in the path');

  const baseVer = record.base_ver;
  const baseProblem = baseVer === undefined ? undefined : checkValue(BASE_VERSION_SCHEMA, baseVer, 'base_ver');
  if (baseProblem) problems.push(baseProblem);
  const based = baseVer !== undefined && !baseProblem;
  const sentVer = record.ver ?? 1;
  const verProblem = checkValue(VERSION_SCHEMA, sentVer, 'ver');
  if (verProblem) problems.push(verProblem);
  // With base_ver the change writes a newer version than its base: `ver` when above it, else base + 1.
  const ver = based && !verProblem ? Math.max(sentVer as number, (baseVer as number) + 1) : sentVer;

  const queueId = record.id_cola ?? null;
  if (queueId !== null && recordIdProblem(queueId, 'id_cola')) problems.push(recordIdProblem(queueId, 'id_cola')!);

  let fields: Record<string, unknown> | null = null;
  if (operation !== 'DELETE') {
    // Rest properties copy keys as data, so even a field named __proto__ round-trips.
    const { id: _id, ver: _ver, id_cola: _queue, base_ver: _base, ...own } = record;
    fields = own;
    problems.push(...fieldProblems(own));
  }

  const usableId = idProblem ? undefined : (id as string);
  if (problems.length > 0) return { problems, id: usableId, operation };
  const change: Change = { operation, id: usableId!, ver: ver as number, queueId: queueId as string | null, fields };
  if (based) change.baseVer = baseVer as number;
  return { change };
}

/** Why a record's own fields (without id, ver and id_cola) cannot be stored as its data, if they cannot. */
export function fieldProblems(fields: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(fields))
    if (RESERVED_FIELDS.has(key)) problems.push(`field ${key} is reserved for the system`);
  const problem = fieldsProblem(fields);
  if (problem) problems.push(problem);
  return problems;
}

export { MAX_BATCH };

/**
 * Reads a batch envelope `{ "operations": [...] }` by hand: the ValidationPipe deep-copied and
 * walked 1,000 entries for about 15 ms a request (measured) only to check an array's length.
 */
export function readBatchOperations(body: unknown): unknown[] {
  if (!isPlainObject(body)) throw new BadRequestException('The body must be a JSON object { "operations": [...] }');
  const extra = Object.keys(body).filter((key) => key !== 'operations');
  if (extra.length > 0) throw new BadRequestException(extra.map((key) => `property ${key} should not exist`));
  const operations = body.operations;
  if (!Array.isArray(operations) || operations.length < 1 || operations.length > MAX_BATCH) {
    throw new BadRequestException(`operations must be an array of 1 to ${MAX_BATCH} entries`);
  }
  return operations;
}

export { MAX_FIELD_DEPTH };

/**
 * Why a record's fields cannot be stored, if they cannot: PostgreSQL's jsonb refuses U+0000 and
 * lone UTF-16 surrogates (a `\ud800` escape with no pair) in keys and strings, and nesting is
 * limited. Asynchronous acceptance stores the fields as json, which takes both, so they are refused
 * here, at once, rather than by a worker later. Walks with its own stack, never recursion, so no
 * input can overflow the call stack.
 */
function fieldsProblem(fields: Record<string, unknown>): string | undefined {
  // Two parallel stacks (value, depth): no allocation per value on this hot path.
  const values: unknown[] = [fields];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return NUL_PROBLEM;
      if (!value.isWellFormed()) return SURROGATE_PROBLEM;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_FIELD_DEPTH) return `fields must not be nested more than ${MAX_FIELD_DEPTH} levels deep`;
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in value) {
      if (key.includes('\0')) return NUL_PROBLEM;
      if (!key.isWellFormed()) return SURROGATE_PROBLEM;
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

const NUL_PROBLEM = 'fields must not contain the NUL character (\\u0000)';
const SURROGATE_PROBLEM = 'fields must not contain a lone UTF-16 surrogate (\\ud800-\\udfff outside a pair)';

/** Reads one entry of a batch: `{ "operation": "CREATE" | "UPDATE" | "DELETE", "record": { ... } }`. */
export function readBatchEntry(entry: unknown): ReceivedChange {
  if (!isPlainObject(entry)) return { problems: ['each entry must be an object { operation, record }'] };
  const operation = entry.operation;
  if (typeof operation !== 'string' || !OPERATION_TYPES.includes(operation as OperationType)) {
    const id =
      isPlainObject(entry.record) && typeof entry.record.id === 'string' && !recordIdProblem(entry.record.id)
        ? entry.record.id
        : undefined;
    return { problems: ['operation must be one of CREATE, UPDATE, DELETE'], id };
  }
  const extra = Object.keys(entry).filter((k) => k !== 'operation' && k !== 'record');
  const received = readChange(operation as OperationType, entry.record);
  if (extra.length > 0) {
    const problems = [
      `unknown entry keys: ${extra.join(', ')} (record fields go inside "record")`,
      ...('problems' in received ? received.problems : []),
    ];
    return {
      problems,
      id: 'change' in received ? received.change.id : received.id,
      operation: operation as OperationType,
    };
  }
  return received;
}
