import { recordIdProblem } from '@app/common';
import { fieldProblems } from '@app/ingest';

/** What a local database library sends as a record: its id and its own fields, or why it cannot be stored. */
export type ReadDocument = { id: string; fields: Record<string, unknown> } | { problems: string[] };

/**
 * Reads a record a library sent: `id`, and every other key as the record's data except the
 * library's own bookkeeping (`strip`: Watermelon's `_status`, `_changed`; RxDB's `_deleted`,
 * `_meta`, `_rev`, `_attachments`) and `ver`, which the server assigns. `where` names the record
 * in problems.
 */
export function readDocument(value: unknown, strip: readonly string[], where: string): ReadDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problems: [`${where} must be a JSON object`] };
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const idProblem = recordIdProblem(record.id, `${where}.id`);
  if (idProblem) problems.push(idProblem);
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record))
    if (key !== 'id' && key !== 'ver' && !strip.includes(key)) fields[key] = field;
  problems.push(...fieldProblems(fields).map((p) => `${where}: ${p}`));
  return problems.length > 0 ? { problems } : { id: record.id as string, fields };
}

/** Two records' data are the same, whatever the order of their keys (jsonb reorders them). */
export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, k) => sameContent(item, other[k]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameContent(left[key], right[key]))
  );
}
