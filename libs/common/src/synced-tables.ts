/**
 * The tables clients sync into. Each has the same shape (see prisma/schema.prisma): system columns
 * `_hash_id`, `_client_id`, `_ver`, `_created_at`, `_updated_at`, `_deleted`, `_xid` and the
 * client's fields in `data`.
 *
 * Adding a synced table is one entry here plus its model and migration (README, "Adding a table").
 * Table names reach SQL only through this registry, never from a request.
 *
 * - `conflicts`: what a change sent with `base_ver` does when the record is no longer at that
 *   version (docs/multi-device.md): `reject` (default) reports a CONFLICT; `merge` merges by
 *   top-level field against the base version, `counters` by delta.
 * - `shared`: the table's rows belong to no store (client id SHARED_CLIENT_ID), are written with the
 *   admin token and read by every store's change feed; a store's write is refused (403).
 */
export const SYNCED_TABLES = {
  venta: { entityType: 'SALE' },
  devolucion: { entityType: 'RETURN' },
  stock: { entityType: 'STOCK', conflicts: { policy: 'merge', counters: ['qty'] } },
  producto: { entityType: 'PRODUCT', shared: true },
} as const satisfies Record<string, SyncedTableEntry>;

interface SyncedTableEntry {
  entityType: string;
  conflicts?: ConflictPolicy;
  shared?: boolean;
}

/** How a table resolves a change whose `base_ver` is not the record's current version. */
export interface ConflictPolicy {
  policy: 'reject' | 'merge';
  /** Numeric fields merged by delta, `current + (sent - base)` (policy `merge` only). */
  counters?: readonly string[];
}

/** The client id of a shared table's rows: no store's (client ids are letters, digits and `_ . -`). */
export const SHARED_CLIENT_ID = '*shared*';

export type SyncedTableName = keyof typeof SYNCED_TABLES;

export interface SyncedTable {
  name: SyncedTableName;
  /** The name the external system knows this entity by (sync_failures.entity_type). */
  entityType: string;
  conflicts: ConflictPolicy;
  shared: boolean;
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
for (const name of Object.keys(SYNCED_TABLES)) {
  if (!IDENTIFIER.test(name)) throw new Error(`Synced table name "${name}" is not a plain lower-case identifier`);
}

export function isSyncedTableName(name: string): name is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(SYNCED_TABLES, name);
}

function tableOf(name: SyncedTableName): SyncedTable {
  const entry: SyncedTableEntry = SYNCED_TABLES[name];
  return {
    name,
    entityType: entry.entityType,
    conflicts: entry.conflicts ?? { policy: 'reject' },
    shared: entry.shared ?? false,
  };
}

export function findSyncedTable(name: string): SyncedTable | undefined {
  return isSyncedTableName(name) ? tableOf(name) : undefined;
}

export function allSyncedTables(): SyncedTable[] {
  return (Object.keys(SYNCED_TABLES) as SyncedTableName[]).map(tableOf);
}
