import { SessionClient } from '../session-client';
import { CLIENT_COLUMNS, COLOCATION_ANCHOR, planTables } from './distribution-plan';
import { hasCitus, readTables, TableInfo } from './catalog';
import { retireProcessing, stampXidByTrigger } from './citus-triggers';

/** Serialises concurrent `db:distribute` runs (same namespace as LockKey, never reused). */
const DISTRIBUTE_LOCK = 7_340_101;

export type DistributeLog = (message: string) => void;

/**
 * `npm run db:distribute` (docs/scaling.md "How resync runs on Citus"): makes a migrated database on
 * a Citus coordinator distributed by client id. Run after the migrations (and after every later
 * `db:migrate` that adds a table); idempotent: what is done already is left alone. `url` connects to
 * the coordinator directly (a session: it takes an advisory lock).
 *
 * - Every table with a client id column is distributed on it, co-located with `venta`; a primary
 *   key without the client id gets it appended (Citus refuses a unique constraint without the
 *   distribution column). Plain PostgreSQL keeps the narrower keys.
 * - Tables of no client (REFERENCE_TABLES) become reference tables; a table that is neither stops
 *   the run with its name, so a table added later is never left local by accident.
 * - Synced tables get the BEFORE row trigger that stamps `_xid` on the worker (citus-triggers.ts);
 *   the PROCESSING list's triggers, which write another table, are replaced (retireProcessing).
 */
export async function distribute(url: string, log: DistributeLog = () => undefined): Promise<void> {
  const client = new SessionClient({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [DISTRIBUTE_LOCK]);
    await assertCitus(client);
    // Triggers on distributed tables run on the shards: safe here, none queries another table.
    await client.query('SET citus.enable_unsafe_triggers = on');
    await client.query(`SELECT run_command_on_all_nodes(
      format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database()))`);
    const tables = await readTables(client, CLIENT_COLUMNS);
    const plan = planTables(tables);
    if (plan.unknown.length > 0)
      throw new Error(
        `Table(s) ${plan.unknown.map((t) => t.name).join(', ')} have no client id column and are not listed as reference tables (libs/database/src/citus/distribution-plan.ts)`,
      );
    if (!tables.some((t) => t.name === COLOCATION_ANCHOR))
      throw new Error(`Table ${COLOCATION_ANCHOR} not found: run the migrations first (npm run db:migrate)`);

    await retireProcessing(client, log);
    await stampXidByTrigger(client, tables, log);
    for (const table of plan.distributed) await distributeTable(client, table, log);
    for (const table of plan.reference) {
      if (table.citus === 'reference') continue;
      await client.query('SELECT create_reference_table($1)', [table.name]);
      log(`${table.name}: reference table`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [DISTRIBUTE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function assertCitus(client: SessionClient): Promise<void> {
  if (!(await hasCitus(client)))
    throw new Error('The database has no citus extension: connect to a Citus coordinator (docs/scaling.md)');
}

async function distributeTable(client: SessionClient, table: TableInfo, log: DistributeLog): Promise<void> {
  if (table.citus === 'distributed') return;
  const column = table.clientColumn!;
  for (const unique of table.uniques.filter((u) => !u.columns.includes(column))) {
    if (!unique.primary)
      throw new Error(`${table.name}: unique constraint ${unique.name} lacks ${column}; Citus refuses it`);
    // The first columns stay first: lookups by them keep their index.
    const columns = [...unique.columns, column].map((c) => `"${c}"`).join(', ');
    await client.query(
      `ALTER TABLE "${table.name}" DROP CONSTRAINT "${unique.name}", ADD CONSTRAINT "${unique.name}" PRIMARY KEY (${columns})`,
    );
    log(`${table.name}: primary key (${columns})`);
  }
  const colocate = table.name === COLOCATION_ANCHOR ? 'default' : COLOCATION_ANCHOR;
  await client.query(`SELECT create_distributed_table($1, $2, colocate_with => $3)`, [table.name, column, colocate]);
  log(`${table.name}: distributed on ${column}${table.partitioned ? ' (with its partitions)' : ''}`);
}
