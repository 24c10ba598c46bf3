import { BadRequestException } from '@nestjs/common';
import { findSyncedTable, SyncedTable } from '@app/common';
import { readDocument } from '../document-fields';

/** Watermelon's bookkeeping columns: never stored as data. */
const WATERMELON_COLUMNS = ['_status', '_changed'] as const;

/** One record of a push: what Watermelon says happened to it locally. */
export interface PushedRecord {
  kind: 'created' | 'updated' | 'deleted';
  id: string;
  /** Null for a deletion. */
  fields: Record<string, unknown> | null;
}

export interface PushedTable {
  table: SyncedTable;
  records: PushedRecord[];
}

const KINDS = ['created', 'updated', 'deleted'] as const;

/**
 * Reads Watermelon's `changes` object (`{ <table>: { created: [raw], updated: [raw], deleted: [id] } }`)
 * whole, or refuses it whole (400, every problem named): a push is one transaction, so one bad
 * record refuses the push and writes nothing. Tables must be synced tables; a record appears at
 * most once per table.
 */
export function readWatermelonChanges(body: unknown): PushedTable[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException(
      'The body must be the `changes` object: { "<table>": { created, updated, deleted } }',
    );
  const problems: string[] = [];
  const tables: PushedTable[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const table = findSyncedTable(name);
    if (table === undefined) {
      problems.push(`${name} is not a synced table`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${name} must be an object { created, updated, deleted }`);
      continue;
    }
    const changes = value as Record<string, unknown>;
    for (const key of Object.keys(changes))
      if (!(KINDS as readonly string[]).includes(key)) problems.push(`${name}.${key} should not exist`);
    const records: PushedRecord[] = [];
    for (const kind of KINDS) {
      const list = changes[kind] ?? [];
      if (!Array.isArray(list)) {
        problems.push(`${name}.${kind} must be an array`);
        continue;
      }
      list.forEach((item, k) => {
        const where = `${name}.${kind}[${k}]`;
        const read =
          kind === 'deleted' ? readDocument({ id: item }, [], where) : readDocument(item, WATERMELON_COLUMNS, where);
        if ('problems' in read) problems.push(...read.problems);
        else records.push({ kind, id: read.id, fields: kind === 'deleted' ? null : read.fields });
      });
    }
    const seen = new Set<string>();
    for (const r of records) {
      if (seen.has(r.id)) problems.push(`${name}: record ${r.id} appears more than once`);
      seen.add(r.id);
    }
    tables.push({ table, records });
  }
  if (problems.length > 0) throw new BadRequestException(problems.slice(0, 100));
  return tables;
}
