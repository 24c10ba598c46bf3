// A year of operation log, written fast with server-side SQL but laid out as production leaves it
// (docs/operation-log.md): the built app's own partitions job creates each month's partition ahead
// and moves the id sequence into it, each month's operations go through the log's real partitions,
// closed months are compacted by the app's compaction step, and the oldest month has been retired
// by the app's retention steps (its records answer from sync_record_heads). Needs `npm run build`.
const { join } = require('node:path');
const { Client } = require('pg');
const { DIST } = require('./postgres');
const { DATA } = require('./records');
const { CLIENT } = require('./baseline');

const libs = join(DIST, 'libs', 'operations', 'src', 'partitions');
const { OperationLogPartitionsService } = require(join(libs, 'operation-log-partitions.service.js'));
const { OperationLogPartitionsRepository } = require(join(libs, 'operation-log-partitions.repository.js'));
const { OperationLogRetentionRepository } = require(join(libs, 'operation-log-retention.repository.js'));
const { compactPartition } = require(join(libs, 'compact-partition.js'));

/** Months kept in the log (the last one current); one more before them was retired. */
const MONTHS = 12;
/** Every record created in a month but the last gets one UPDATE (ver 2) in the next month, one in ten. */
const UPDATED = 10;

/** What the services need of Prisma, on one node-pg connection. */
const prismaLike = (client) => ({
  $queryRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rows,
  $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount,
});

async function inTransaction(client, work) {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The first instant (UTC) of the month `offset` months from now's. */
function monthStart(offset) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

/**
 * Fills `url` (a fresh database with the real migrations) so that the log holds about `total`
 * operations over MONTHS monthly partitions, and `venta` one row per record. Records `s-1` ..
 * `s-<records>`, client MTY_001: each month creates `perMonth` new records (CREATE, the bench's
 * sale as payload) and updates one in ten of the previous month's (UPDATE, ver 2), interleaved in
 * time; the month before the MONTHS kept was retired (summarized into record heads, dropped).
 * `step(label, ms)` is told how long each step took. Returns the counts.
 */
async function fillLog(url, total, step = () => undefined) {
  const perMonth = Math.round(total / (MONTHS * (1 + 1 / UPDATED)));
  const client = new Client({ connectionString: url });
  await client.connect();
  const timed = async (label, work) => {
    const t0 = Date.now();
    const result = await work();
    step(label, Date.now() - t0);
    return result;
  };
  try {
    const clock = { now: () => new Date() };
    const config = { operationLogPartition: '1 month', operationLogPartitionsAhead: 2, operationLogFillfactor: 50 };
    const partitions = new OperationLogPartitionsService(new OperationLogPartitionsRepository(), clock, config);
    // The log began MONTHS months before the current one (its first partition, p0, with it).
    await client.query(`UPDATE sync_operation_partitions SET starts_at = $1 WHERE name = 'sync_operations_p0'`, [
      monthStart(-MONTHS),
    ]);
    await timed('operations', async () => {
      for (let m = 0; m <= MONTHS; m++) {
        const start = monthStart(m - MONTHS);
        clock.now = () => new Date(start.getTime() + 60_000);
        await inTransaction(client, () => partitions.maintain(prismaLike(client)));
        const end = Math.min(monthStart(m - MONTHS + 1).getTime(), Date.now());
        // Month m creates records m*perMonth+1 .. (m+1)*perMonth and updates the previous month's
        // records whose number is a multiple of UPDATED, spread evenly over the month, in time order.
        await client.query(
          `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload, created_at, updated_at)
           SELECT 'venta', 's-' || x.k, $1, x.ver, x.op::"OperationType", 'COMPLETED', $2::json, x.at, x.at FROM (
             SELECT k, 1 AS ver, 'CREATE' AS op, $3::timestamptz + (k - $4::bigint) * $5::interval AS at
             FROM generate_series($4::bigint, $4::bigint + $6::int - 1) k
             UNION ALL
             SELECT k, 2, 'UPDATE', $3::timestamptz + (k - $4::bigint + $6::int) * $5::interval + interval '1 ms'
             FROM generate_series(greatest($4::bigint - $6::int, 1), $4::bigint - 1) k WHERE k % $7::int = 0) x
           ORDER BY x.at`,
          [
            CLIENT,
            DATA,
            start,
            m * perMonth + 1,
            `${(end - start.getTime()) / perMonth} milliseconds`,
            perMonth,
            UPDATED,
          ],
        );
      }
    });
    const records = (MONTHS + 1) * perMonth;
    await timed('records', () =>
      client.query(
        `INSERT INTO venta (_client_id, _hash_id, _ver, data)
         SELECT $1, 's-' || k, CASE WHEN k % $4::int = 0 AND k <= $3::int - $5::int THEN 2 ELSE 1 END, $2::jsonb
         FROM generate_series(1, $3::int) k`,
        [CLIENT, DATA, records, UPDATED, perMonth],
      ),
    );
    const { rows: closed } = await client.query(
      `SELECT name FROM sync_operation_partitions WHERE end_id <= $1::bigint AND retired_at IS NULL ORDER BY first_id`,
      [(await client.query(`SELECT last_value::text AS v FROM sync_operations_id_seq`)).rows[0].v],
    );
    // Retention's two steps on the oldest month (the app's own SQL, without its age check).
    const retention = new OperationLogRetentionRepository(prismaLike(client));
    await timed('retire oldest month', async () => {
      const summarized = await inTransaction(client, () => retention.summarize(prismaLike(client), closed[0].name));
      if (!summarized) throw new Error(`${closed[0].name} not summarized`);
      await inTransaction(client, () => retention.drop(prismaLike(client), closed[0].name));
    });
    await timed('compact closed months', async () => {
      for (const { name } of closed.slice(1)) {
        const outcome = await inTransaction(client, () => compactPartition(client, name));
        if (outcome !== 'compacted') throw new Error(`${name} not compacted`);
      }
    });
    await timed('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM sync_operations)::bigint::text AS operations,
              (SELECT count(*) FROM sync_record_heads)::int AS heads,
              (SELECT count(*) FROM pg_partition_tree('sync_operations') WHERE isleaf)::int AS partitions,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    return { ...rows[0], operations: Number(rows[0].operations), records, perMonth };
  } finally {
    await client.end();
  }
}

module.exports = { fillLog, MONTHS };
