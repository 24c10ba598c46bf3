import { Client } from 'pg';

/** A unique or exclusion index (a primary key's is named as its constraint). */
export interface UniqueConstraint {
  name: string;
  primary: boolean;
  columns: string[];
}

/** A table of the public schema as distribute() needs it (partitions are their parent's). */
export interface TableInfo {
  name: string;
  partitioned: boolean;
  /** The client id column it is distributed on, if it has one. */
  clientColumn?: string;
  /** `_xid`: a synced table, stamped by the change feed's trigger. */
  hasXid: boolean;
  uniques: UniqueConstraint[];
  /** What Citus already made of it. */
  citus: 'local' | 'distributed' | 'reference';
}

/** Whether the database has the citus extension (a Citus coordinator, distributed or not yet). */
export async function hasCitus(client: Client): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
  return rows.length > 0;
}

/** The public schema's tables; on a database without Citus every one reads as `local`. */
export async function readTables(client: Client, clientColumns: readonly string[]): Promise<TableInfo[]> {
  const citus = await hasCitus(client);
  const { rows } = await client.query<{
    name: string;
    partitioned: boolean;
    columns: string[];
    uniques: UniqueConstraint[] | null;
    method: string | null;
  }>(
    `SELECT c.relname AS name, c.relkind = 'p' AS partitioned,
            array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
            (SELECT json_agg(json_build_object('name', i.relname, 'primary', x.indisprimary,
                    'columns', array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY u(n, o)
                                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.n ORDER BY u.o)))
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = c.oid AND (x.indisunique OR x.indisexclusion)) AS uniques,
            ${citus ? `(SELECT d.partmethod::text FROM pg_dist_partition d WHERE d.logicalrelid = c.oid)` : 'NULL::text'} AS method
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    partitioned: r.partitioned,
    clientColumn: clientColumns.find((c) => r.columns.includes(c)),
    hasXid: r.columns.includes('_xid'),
    uniques: r.uniques ?? [],
    citus: r.method === null ? 'local' : r.method === 'n' ? 'reference' : 'distributed',
  }));
}
