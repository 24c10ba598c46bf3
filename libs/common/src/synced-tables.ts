/**
 * The tables clients sync into. Each has the same shape (see prisma/schema.prisma): system columns
 * `_hash_id`, `_client_id`, `_ver`, `_created_at`, `_updated_at` and the client's fields in `data`.
 *
 * Adding a synced table is one entry here plus its model and migration (README, "Adding a table").
 * Table names reach SQL only through this registry, never from a request.
 */
export const SYNCED_TABLES = {
  venta: { entityType: 'SALE' },
  devolucion: { entityType: 'RETURN' },
} as const satisfies Record<string, { entityType: string }>;

export type SyncedTableName = keyof typeof SYNCED_TABLES;

export interface SyncedTable {
  name: SyncedTableName;
  /** The name the external system knows this entity by (sync_failures.entity_type). */
  entityType: string;
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
for (const name of Object.keys(SYNCED_TABLES)) {
  if (!IDENTIFIER.test(name)) throw new Error(`Synced table name "${name}" is not a plain lower-case identifier`);
}

export function isSyncedTableName(name: string): name is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(SYNCED_TABLES, name);
}

export function findSyncedTable(name: string): SyncedTable | undefined {
  return isSyncedTableName(name) ? { name, entityType: SYNCED_TABLES[name].entityType } : undefined;
}

export function allSyncedTables(): SyncedTable[] {
  return (Object.keys(SYNCED_TABLES) as SyncedTableName[]).map((name) => ({
    name,
    entityType: SYNCED_TABLES[name].entityType,
  }));
}
