// The convergence checks, client by client, against what PostgreSQL holds. See README
// "Convergence simulation" for what each count means.
const { Client } = require('pg');
const { TABLES } = require('./workload');
const { SHARED_PREFIX } = require('./shared-workload');
const { checkCounters } = require('./counter-checks');

/** A store's own synced tables, and the head office's (rows under the shared client id). */
const STORE_TABLES = [...TABLES, 'stock'];
const SHARED_TABLES = ['producto'];
const SHARED_CLIENT_ID = '*shared*';

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
  async serverRecords(clientId, tables = STORE_TABLES) {
    const records = new Map();
    for (const table of tables) {
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
   * Compares one store's devices with the server: each device's own records as its app wrote them
   * (`lost`), everything each device reads through its client, own and shared tables
   * (`mismatched`), the operations logged for the store (`duplicates`), the stock counters
   * (`counterErrors`) and the local changes no answer or event accounted for (`silentOverwrites`).
   * `dumps` has one dump per device.
   */
  async checkStore(clientId, dumps, deletedCounterOps = []) {
    const server = await this.serverRecords(clientId);
    if (this.shared === undefined) this.shared = await this.serverRecords(SHARED_CLIENT_ID, SHARED_TABLES);
    const known = new Map();
    let lost = 0;
    let mismatched = 0;
    let silentOverwrites = 0;
    const examples = [];
    const describe = (state) =>
      !state ? 'absent' : state.deleted ? 'deleted' : `ver ${state.ver} ${canonical(state.data)}`;
    for (const [device, dump] of dumps.entries()) {
      const views = new Map(dump.views);
      silentOverwrites += dump.silentOverwrites;
      for (const record of dump.records) {
        const key = `${record.table}\u0000${record.id}`;
        known.set(key, record);
        const truth = record.deleted ? { deleted: true } : { deleted: false, ver: record.ver, data: record.data };
        const onServer = server.get(key) ?? null;
        if (!sameState(truth, onServer)) {
          lost++;
          if (examples.length < 3)
            examples.push(
              `device ${device + 1} ${record.table}/${record.id}: app ${describe(truth)}, server ${describe(onServer)}; ${await this.recordHistory(clientId, record.table, record.id)}`,
            );
        }
      }
      // Everything the device reads (own and shared tables) against the server, both ways.
      const compare = (rows, key) => {
        const view = views.get(key) ?? null;
        const row = rows.get(key) ?? null;
        if (sameState(view, row)) return;
        mismatched++;
        if (examples.length < 6)
          examples.push(
            `device ${device + 1} ${key.replace('\u0000', '/')}: client ${describe(view)}, server ${describe(row)}`,
          );
      };
      for (const key of views.keys()) compare(key.startsWith('producto\u0000') ? this.shared : server, key);
      for (const rows of [server, this.shared]) for (const key of rows.keys()) if (!views.has(key)) compare(rows, key);
    }

    const counters = await checkCounters(this.db, {
      clientId,
      server,
      counterChanges: dumps.flatMap((dump) => dump.counterChanges),
      deletedCounterOps,
      history: (id) => this.recordHistory(clientId, 'stock', id, deletedCounterOps),
    });
    examples.push(...counters.examples);

    // A version no local change produced, or one local change (its queue id) logged under two
    // versions, means something was applied twice under different versions. Records the devices
    // share are left out of the first test: their versions come from several devices and merges.
    // A recognised resend is logged "Duplicate bypassed" at the version it was sent with, which
    // for a merged change is not the one it was merged at: it applied nothing, so it is left out.
    let duplicates = 0;
    const { rows } = await this.db.query(
      `SELECT table_name, record_id, array_agg(DISTINCT batch_version) AS versions
         FROM sync_operations WHERE client_id = $1 AND status = 'COMPLETED' GROUP BY table_name, record_id`,
      [clientId],
    );
    for (const row of rows) {
      if (row.record_id.startsWith(SHARED_PREFIX)) continue;
      const record = known.get(`${row.table_name}\u0000${row.record_id}`);
      const unproduced = row.versions.filter((ver) => !record || ver < 1 || ver > record.ver);
      duplicates += unproduced.length;
      if (unproduced.length > 0 && examples.length < 12)
        examples.push(`${row.table_name}/${row.record_id}: COMPLETED at versions ${unproduced} no local change made`);
    }
    const twice = await this.db.query(
      `SELECT table_name, record_id, queue_id || ' at ' || string_agg(DISTINCT batch_version::text, ', ') AS example
         FROM sync_operations WHERE client_id = $1 AND status = 'COMPLETED' AND queue_id IS NOT NULL
          AND note IS DISTINCT FROM 'Duplicate bypassed'
        GROUP BY table_name, record_id, queue_id HAVING count(DISTINCT batch_version) > 1`,
      [clientId],
    );
    duplicates += twice.rows.length;
    for (const row of twice.rows.slice(0, 3))
      examples.push(
        `one change COMPLETED at two versions: ${row.table_name}/${row.record_id} ${row.example}; ${await this.recordHistory(clientId, row.table_name, row.record_id, deletedCounterOps)}`,
      );
    return {
      lost,
      mismatched,
      duplicates,
      counterErrors: counters.errors,
      unrecognisedResends: counters.unrecognisedResends,
      silentOverwrites,
      examples,
    };
  }

  /** A record's operations (the DBA-deleted ones of counter records marked), for an example. */
  async recordHistory(clientId, table, id, deletedCounterOps = []) {
    const { rows } = await this.db.query(
      `SELECT queue_id, batch_version, base_ver, device_id, status, note FROM sync_operations
        WHERE client_id = $1 AND table_name = $2 AND record_id = $3 ORDER BY id`,
      [clientId, table, id],
    );
    const deleted = deletedCounterOps.filter((op) => op.client_id === clientId && op.record_id === id);
    const describe = (op, mark) =>
      `${mark}${op.queue_id ?? '-'} v${op.batch_version} base ${op.base_ver ?? '-'} ${String(op.device_id ?? '-').slice(0, 8)} ${op.status}${op.note ? ` (${op.note})` : ''}`;
    return [...deleted.map((op) => describe(op, 'DBA-deleted ')), ...rows.map((op) => describe(op, ''))].join(' | ');
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
    for (const table of STORE_TABLES)
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

module.exports = { Checker, canonical, sameState, STORE_TABLES, SHARED_TABLES };
