/**
 * How each table lives on a Citus cluster (docs/scaling.md "How resync runs on Citus"): every
 * table with a client id column (`_client_id` in synced tables, `client_id` elsewhere) is
 * distributed on it and co-located with every other, so a client's rows of all tables sit on one
 * worker; a table of no client is a reference table (a copy on every node) and must be listed
 * here, so a table added later cannot be left out by accident.
 */

/** Every distributed table is co-located with this one. */
export const COLOCATION_ANCHOR = 'venta';

/** The columns a table is distributed on, in the order they are looked for. */
export const CLIENT_COLUMNS: readonly string[] = ['_client_id', 'client_id'];

/**
 * Tables of no client: credentials are looked up by key hash before the client is known; the
 * operation log's partition list is the log's own; `sync_operations_processing` stays empty on
 * Citus (distribute() retires the PROCESSING state there: no trigger may write another table) and is
 * read joined to the log, which a reference table allows; an outbox lease (`sync_outbox_leases`)
 * lists entry ids of any clients.
 */
export const REFERENCE_TABLES: readonly string[] = [
  'client_keys',
  'sync_operation_partitions',
  'sync_operations_processing',
  'sync_outbox_leases',
];

/** Stay on the coordinator only: the migrator's own bookkeeping. */
export const LOCAL_TABLES: readonly string[] = ['_prisma_migrations'];

/** What distribute() makes of each table it reads (catalog.ts): unknown ones stop it. */
export interface Plan<T extends { name: string; clientColumn?: string }> {
  distributed: T[];
  reference: T[];
  /** Neither listed nor with a client id column. */
  unknown: T[];
}

export function planTables<T extends { name: string; clientColumn?: string }>(tables: T[]): Plan<T> {
  const plan: Plan<T> = { distributed: [], reference: [], unknown: [] };
  for (const table of tables) {
    if (LOCAL_TABLES.includes(table.name)) continue;
    if (REFERENCE_TABLES.includes(table.name)) plan.reference.push(table);
    else if (table.clientColumn) plan.distributed.push(table);
    else plan.unknown.push(table);
  }
  // The co-location anchor first: the others are created co-located with it.
  plan.distributed.sort((a, b) => Number(b.name === COLOCATION_ANCHOR) - Number(a.name === COLOCATION_ANCHOR));
  return plan;
}
