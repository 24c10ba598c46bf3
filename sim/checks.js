// The convergence checks, client by client, against what PostgreSQL holds. See README
// "Convergence simulation" for what each count means.
const { Client } = require('pg');
const { TABLES } = require('./workload');

/** JSON with sorted keys: jsonb does not keep key order, and key order is not data. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Same record state? `a` and `b` are { deleted } or { deleted: false, ver, data }; null = absent. */
function sameState(a, b) {
  const aDeleted = !a || a.deleted;
  const bDeleted = !b || b.deleted;
  if (aDeleted || bDeleted) return aDeleted === bDeleted;
  return a.ver === b.ver && canonical(a.data) === canonical(b.data);
}

class Checker {
  constructor(databaseUrl) {
    this.db = new Client({ connectionString: databaseUrl });
  }

  async open() {
    await this.db.connect();
    // Tombstones (issue 14): a row kept with _deleted = true is a deleted record. Before they exist
    // a deleted record is simply absent.
    const { rows } = await this.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'venta' AND column_name = '_deleted'`,
    );
    this.tombstones = rows.length > 0;
  }

  close() {
    return this.db.end();
  }

  /** The server's state of every record of one client: "table\0id" -> { deleted, ver, data }. */
  async serverRecords(clientId) {
    const records = new Map();
    for (const table of TABLES) {
      const deleted = this.tombstones ? '_deleted' : 'false';
      const { rows } = await this.db.query(
        `SELECT _hash_id AS id, _ver AS ver, data, ${deleted} AS deleted FROM ${table} WHERE _client_id = $1`,
        [clientId],
      );
      for (const row of rows)
        records.set(`${table}\u0000${row.id}`, { deleted: row.deleted, ver: row.ver, data: row.data });
    }
    return records;
  }

  /**
   * Compares one client's dump (the app's ground truth and the client's view of each record) with
   * the server, and checks every operation the server logged for it.
   */
  async checkClient(clientId, dump) {
    const server = await this.serverRecords(clientId);
    const known = new Map();
    let lost = 0;
    let mismatched = 0;
    const examples = [];
    const describe = (state) =>
      !state ? 'absent' : state.deleted ? 'deleted' : `ver ${state.ver} ${canonical(state.data)}`;
    for (const record of dump.records) {
      const key = `${record.table}\u0000${record.id}`;
      known.set(key, record);
      const truth = record.deleted ? { deleted: true } : { deleted: false, ver: record.ver, data: record.data };
      const onServer = server.get(key) ?? null;
      if (!sameState(truth, onServer)) lost++;
      if (!record.view || !sameState(record.view, onServer)) mismatched++;
      if ((!sameState(truth, onServer) || !record.view || !sameState(record.view, onServer)) && examples.length < 3) {
        examples.push(
          `${record.table}/${record.id}: app ${describe(truth)}, client ${describe(record.view)}, server ${describe(onServer)}`,
        );
      }
    }
    // A live row the client does not know of is a mismatch too.
    for (const [key, row] of server) if (!known.has(key) && !row.deleted) mismatched++;

    // A version no local change produced, or one local change (its queue id) logged under two
    // versions, means something was applied twice under different versions.
    let duplicates = 0;
    const { rows } = await this.db.query(
      `SELECT table_name, record_id, array_agg(DISTINCT batch_version) AS versions
         FROM sync_operations WHERE client_id = $1 AND status = 'COMPLETED' GROUP BY table_name, record_id`,
      [clientId],
    );
    for (const row of rows) {
      const record = known.get(`${row.table_name}\u0000${row.record_id}`);
      duplicates += row.versions.filter((ver) => !record || ver < 1 || ver > record.ver).length;
    }
    const twice = await this.db.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM sync_operations WHERE client_id = $1 AND status = 'COMPLETED' AND queue_id IS NOT NULL
          GROUP BY table_name, record_id, queue_id HAVING count(DISTINCT batch_version) > 1) t`,
      [clientId],
    );
    duplicates += twice.rows[0].n;
    return { lost, mismatched, duplicates, examples };
  }

  /**
   * Writes the server received after a newer change of the same record (delayed duplicates and
   * late resends): how many, and how many of them came after the record's DELETE. The simulation
   * is only meaningful when these happened.
   */
  async lateWrites(clientIds) {
    const total = { late: 0, afterDelete: 0 };
    // One client a query: each routes to one shard on Citus (DATABASE_ENGINE=citus), as on PostgreSQL.
    for (const clientId of clientIds) {
      const { rows } = await this.db.query(
        `SELECT count(*)::int AS late, count(*) FILTER (WHERE after_delete)::int AS after_delete FROM (
           SELECT bool_or(newer.operation = 'DELETE') AS after_delete
             FROM sync_operations late JOIN sync_operations newer
               ON newer.client_id = late.client_id AND newer.table_name = late.table_name AND newer.record_id = late.record_id
              AND newer.id < late.id AND newer.batch_version > late.batch_version
            WHERE late.client_id = $1 AND newer.client_id = $1 AND late.operation <> 'DELETE'
            GROUP BY late.id) t`,
        [clientId],
      );
      total.late += rows[0].late;
      total.afterDelete += rows[0].after_delete;
    }
    return total;
  }

  /** Rows (tombstones included) with no COMPLETED operation for their current version, and a few of them. */
  async missingHistory(clientIds) {
    let missing = 0;
    const examples = [];
    for (const table of TABLES)
      for (const clientId of clientIds) {
        const { rows } = await this.db.query(
          `SELECT count(*) OVER ()::int AS n, t._client_id || ' ' || $2 || '/' || t._hash_id || ' ver ' || t._ver AS example FROM ${table} t
            WHERE t._client_id = $1 AND NOT EXISTS (
              SELECT 1 FROM sync_operations o WHERE o.client_id = $1 AND o.table_name = $2 AND o.record_id = t._hash_id
                 AND o.batch_version = t._ver AND o.status = 'COMPLETED')
            LIMIT 3`,
          [clientId, table],
        );
        missing += rows[0]?.n ?? 0;
        if (examples.length < 3) examples.push(...rows.map((row) => row.example).slice(0, 3 - examples.length));
      }
    return { missing, examples };
  }
}

module.exports = { Checker, canonical, sameState };
