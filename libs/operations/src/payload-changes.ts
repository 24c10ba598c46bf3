import { OperationNote } from './operation-notes';

type Payload = Record<string, unknown>;

/** One field an UPDATE changed: no `from` means the field was added, no `to` that it was removed. */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
}

export type PayloadChanges = Record<string, FieldChange>;

/** What the history needs of an operation to follow the record's state. */
export interface HistoryStep {
  operation: string;
  status: string;
  note: string | null;
  payload: Payload | null;
}

/** Notes of COMPLETED operations that left the row as it was. */
const UNCHANGED = new Set<string>([
  OperationNote.DuplicateBypassed,
  OperationNote.StaleVersionIgnored,
  OperationNote.AlreadyDeleted,
]);

/**
 * For each operation of one record's history (oldest first), what an applied UPDATE changed
 * against the version before it, or null. Read-time only: the previous version is the payload of
 * the last write that changed the row, so ingest pays nothing for this. Null when the previous
 * version is not known (no payload kept, history missing, or nothing before: "created by update").
 */
export function payloadChanges(steps: HistoryStep[]): (PayloadChanges | null)[] {
  // undefined: the row's content is unknown; null: there is no row (never created, or deleted).
  let current: Payload | null | undefined = undefined;
  return steps.map((step) => {
    if (step.status !== 'COMPLETED' || (step.note !== null && UNCHANGED.has(step.note))) return null;
    const before = current;
    if (step.operation === 'DELETE') current = null;
    else current = step.payload ?? undefined;
    const applies = step.operation === 'UPDATE' && step.note !== OperationNote.CreatedByUpdate;
    return applies && before && step.payload ? diff(before, step.payload) : null;
  });
}

/**
 * Top-level fields that differ. Both sides come from jsonb, which stores object keys in one
 * canonical order, so equal values serialize to equal text.
 */
export function diff(before: Payload, after: Payload): PayloadChanges {
  const has = (object: Payload, field: string) => Object.prototype.hasOwnProperty.call(object, field);
  const changes: [string, FieldChange][] = [];
  for (const [field, value] of Object.entries(before)) {
    if (!has(after, field)) changes.push([field, { from: value }]);
    else if (JSON.stringify(value) !== JSON.stringify(after[field]))
      changes.push([field, { from: value, to: after[field] }]);
  }
  for (const [field, value] of Object.entries(after)) if (!has(before, field)) changes.push([field, { to: value }]);
  // fromEntries defines own properties, so a client field named __proto__ stays a field.
  return Object.fromEntries(changes);
}
