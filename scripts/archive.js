#!/usr/bin/env node
// The operation log's archive (docs/operation-log.md), for auditors:
//   npm run archive -- list
//   npm run archive -- export <partition> <directory>
//   npm run archive -- load <directory>/<partition> [table]
// `export` writes one partition of sync_operations (a period: a month by default) as gzip'd JSON
// lines, one file per table, with manifest.json (row counts, sha256 of each file), and marks the
// partition archived. `load` checks the manifest's checksums, then loads the rows into a plain
// table (default `<partition>_restored`, made like sync_operations, never part of the live log)
// and checks the count. Reads DATABASE_URL.
const { createHash } = require('node:crypto');
const { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createGunzip, createGzip } = require('node:zlib');
const { once } = require('node:events');
const { createInterface } = require('node:readline');
const { Client } = require('pg');

const PARTITION = /^sync_operations_p\d+$/;
const RESTORED = /^[a-z_][a-z0-9_]{0,62}$/;
const PAGE = 5000;

function checkPartition(name) {
  if (!PARTITION.test(name)) throw new Error(`not an operation log partition name: ${name}`);
  return name;
}

async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** The log's partitions, with their id ranges and whether they were archived or retired. */
async function list(client) {
  const { rows } = await client.query(
    `SELECT p.name, p.first_id::text AS first_id, p.end_id::text AS end_id, p.starts_at, p.archived_at, p.retired_at
     FROM sync_operation_partitions p ORDER BY p.first_id`,
  );
  return rows;
}

/**
 * Writes `partition` to `<directory>/<partition>/`: sync_operations.jsonl.gz (one row a line, as
 * row_to_json writes it, in id order, read a page at a time by id) and manifest.json. Returns the manifest.
 */
async function exportPartition(client, partition, directory) {
  checkPartition(partition);
  const [meta] = (
    await client.query(
      `SELECT name, first_id::text, end_id::text, starts_at FROM sync_operation_partitions WHERE name = $1 AND retired_at IS NULL`,
      [partition],
    )
  ).rows;
  if (!meta) throw new Error(`no partition ${partition} in the log (retired already, or never created)`);
  const out = join(directory, partition);
  mkdirSync(out, { recursive: true });
  const file = 'sync_operations.jsonl.gz';
  const gzip = createGzip();
  const sink = gzip.pipe(createWriteStream(join(out, file)));
  let rows = 0;
  let after = null;
  for (;;) {
    const page = await client.query(
      `SELECT o.id::text AS id, row_to_json(o)::text AS line FROM "${partition}" o
       WHERE $1::bigint IS NULL OR o.id > $1::bigint ORDER BY o.id LIMIT ${PAGE}`,
      [after],
    );
    for (const r of page.rows) if (!gzip.write(`${r.line}\n`)) await once(gzip, 'drain');
    rows += page.rows.length;
    if (page.rows.length < PAGE) break;
    after = page.rows[page.rows.length - 1].id;
  }
  gzip.end();
  await once(sink, 'finish');
  const columns = (
    await client.query(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = 'sync_operations'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    )
  ).rows;
  const manifest = {
    format: 'resync-operation-log-archive/1',
    partition,
    first_id: meta.first_id,
    end_id: meta.end_id,
    starts_at: meta.starts_at.toISOString(),
    exported_at: new Date().toISOString(),
    files: [{ table: 'sync_operations', file, rows, sha256: await sha256(join(out, file)), columns }],
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await client.query(`UPDATE sync_operation_partitions SET archived_at = now() WHERE name = $1`, [partition]);
  return manifest;
}

/**
 * Loads an exported partition back into `table` (created like sync_operations if missing), after
 * checking every file against the manifest; the rows are inserted in pages, in one transaction,
 * and counted against the manifest. Returns the rows loaded.
 */
async function loadArchive(client, directory, table) {
  const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'));
  const target = table ?? `${checkPartition(manifest.partition)}_restored`;
  if (!RESTORED.test(target) || target === 'sync_operations') throw new Error(`cannot load into ${target}`);
  const entry = manifest.files.find((f) => f.table === 'sync_operations');
  const path = join(directory, entry.file);
  const actual = await sha256(path);
  if (actual !== entry.sha256) throw new Error(`${entry.file}: sha256 ${actual}, the manifest says ${entry.sha256}`);
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${target}" (LIKE sync_operations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    let page = [];
    let loaded = 0;
    const flush = async () => {
      if (page.length === 0) return;
      // One json parameter a page: no bind-parameter limit to mind.
      const r = await client.query(
        `INSERT INTO "${target}" SELECT * FROM json_populate_recordset(NULL::"${target}", $1::json)`,
        [`[${page.join(',')}]`],
      );
      loaded += r.rowCount;
      page = [];
    };
    const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      page.push(line);
      if (page.length >= PAGE) await flush();
    }
    await flush();
    if (loaded !== entry.rows) throw new Error(`loaded ${loaded} rows, the manifest says ${entry.rows}`);
    await client.query('COMMIT');
    return { table: target, rows: loaded };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function main(argv) {
  const [command, ...args] = argv;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (command === 'list') console.table(await list(client));
    else if (command === 'export' && args.length === 2)
      console.log(JSON.stringify(await exportPartition(client, args[0], args[1]), null, 2));
    else if (command === 'load' && (args.length === 1 || args.length === 2))
      console.log(JSON.stringify(await loadArchive(client, args[0], args[1])));
    else
      throw new Error(
        'usage: npm run archive -- list | export <partition> <directory> | load <directory>/<partition> [table]',
      );
  } finally {
    await client.end();
  }
}

if (require.main === module)
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });

module.exports = { exportPartition, loadArchive, list };
