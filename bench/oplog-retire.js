#!/usr/bin/env node
// npm run bench:oplog-retire [-- --count=1000000]
// Retention retiring one partition of `count` operations (docs/operation-log.md): the log's first
// partition filled straight with SQL (generate_series: the bench's sale as payload, 500 days old),
// the next period started, then the built app's own retention steps (summarize: record heads;
// drop), timed, while a second connection runs the status statement for one record every 2 ms
// and records how long each call took. Prints the durations, the status calls' longest wait in
// each step, and the status rows of a sample of records before and after. Needs `npm run build`.
const { join } = require('node:path');
const { Client } = require('pg');
const { startDatabaseServer, DIST } = require('./lib/postgres');
const { DATA } = require('./lib/records');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const COUNT = Number(arg('count') ?? 1_000_000);
const libs = join(DIST, 'libs');
const { OperationLogRetentionRepository } = require(
  join(libs, 'operations/src/partitions/operation-log-retention.repository.js'),
);
const { statusSql } = require(join(libs, 'record-status/src/record-status.repository.js'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What the repository needs of Prisma, on one node-pg connection. */
const prismaLike = (client) => ({
  $queryRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rows,
  $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount,
});

async function main() {
  const db = await startDatabaseServer();
  const url = await db.createDatabase('oplog_retire');
  const admin = new Client({ connectionString: url });
  const prober = new Client({ connectionString: url });
  await Promise.all([admin.connect(), prober.connect()]);
  try {
    let started = Date.now();
    await admin.query(
      `INSERT INTO sync_operations (table_name, record_id, client_id, batch_version, operation, status, payload, created_at, updated_at)
       SELECT 'venta', 'r-' || n, 'MTY_001', 1, 'CREATE', 'COMPLETED', $1::json, now() - interval '500 days', now() - interval '500 days'
       FROM generate_series(1, $2::int) n`,
      [DATA, COUNT],
    );
    await admin.query(
      `INSERT INTO venta (_hash_id, _client_id, _ver, data) SELECT 'r-' || n, 'MTY_001', 1, $1::jsonb FROM generate_series(1, 1000) n`,
      [DATA],
    );
    await admin.query('VACUUM ANALYZE');
    console.log(`${COUNT.toLocaleString()} operations written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The next period started (as the partitions job does it).
    const first = 1n << 40n;
    await admin.query(
      `CREATE TABLE sync_operations_p1 (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await admin.query(
      `ALTER TABLE sync_operations ATTACH PARTITION sync_operations_p1 FOR VALUES FROM (${first}) TO (${first * 2n})`,
    );
    await admin.query(
      `CREATE TABLE sync_job_operations_p1 (LIKE sync_job_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await admin.query(
      `ALTER TABLE sync_job_operations ATTACH PARTITION sync_job_operations_p1 FOR VALUES FROM (${first}) TO (${first * 2n})`,
    );
    await admin.query(
      `INSERT INTO sync_operation_partitions (name, first_id, end_id, starts_at) VALUES ('sync_operations_p1', $1, $2, now())`,
      [first.toString(), (first * 2n).toString()],
    );
    await admin.query(`SELECT setval(pg_get_serial_sequence('sync_operations', 'id'), $1::bigint, false)`, [
      first.toString(),
    ]);

    const sample = Array.from({ length: 5 }, (_, k) => `r-${k * 200 + 1}`);
    const status = () =>
      prober.query(statusSql('venta'), [
        sample,
        sample.map(() => null),
        sample.map(() => null),
        'MTY_001',
        'venta',
        'Stale version ignored',
        null,
      ]);
    const before = (await status()).rows.map((r) => `${r.status}${r.archived ? ' (archived)' : ''}`);

    // The status statement in a loop, its calls' durations kept per step.
    let step = 'idle';
    const longest = {};
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t0 = process.hrtime.bigint();
        await prober.query(statusSql('venta'), [
          [`r-${1 + Math.floor(Math.random() * COUNT)}`],
          [null],
          [null],
          'MTY_001',
          'venta',
          'x',
          null,
        ]);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        longest[step] = Math.max(longest[step] ?? 0, ms);
        await sleep(2);
      }
    })();
    const repository = new OperationLogRetentionRepository(prismaLike(admin));
    const [partition] = await repository.retirable();
    const timed = async (name, work) => {
      step = name;
      const t0 = Date.now();
      await admin.query('BEGIN');
      const result = await work(prismaLike(admin));
      await admin.query('COMMIT');
      step = 'idle';
      return { ms: Date.now() - t0, result };
    };
    started = Date.now();
    const summarize = await timed('summarize', (tx) => repository.summarize(tx, partition.name));
    const drop = await timed('drop', (tx) => repository.drop(tx, partition.name));
    probing = false;
    await probe;
    const after = (await status()).rows.map((r) => `${r.status}${r.archived ? ' (archived)' : ''}`);
    const heads = (await admin.query(`SELECT count(*)::int AS n FROM sync_record_heads`)).rows[0].n;
    console.log(
      `partition ${partition.name}: summarized (${heads.toLocaleString()} record heads) in ${(summarize.ms / 1000).toFixed(1)} s, dropped in ${drop.ms} ms`,
    );
    console.log(
      `status statement's longest call: ${Object.entries(longest)
        .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
        .join(', ')}`,
    );
    console.log(`status of ${sample.length} sample records before: ${before.join(', ')}; after: ${after.join(', ')}`);
  } finally {
    await Promise.all([admin.end(), prober.end()]);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
