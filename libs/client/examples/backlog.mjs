#!/usr/bin/env node
// A store that was offline for a long time: writes a backlog of sales into a SQLite queue, then
// syncs it with a progress bar. Memory stays flat: the queue is read in pages, never whole.
//
//   npm run build
//   node libs/client/examples/backlog.mjs --url http://localhost:3000 --key "$KEY" --records 100000
//
// Options: --db <file> (default: a new file in the temp directory), --table <name> (venta),
// --records <n> (written only when the queue is new; 0 to sync an existing file).
import { ResyncClient } from '@resync/client';
import { SqliteStore } from '@resync/client/sqlite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    key: { type: 'string', default: process.env.KEY },
    records: { type: 'string', default: '100000' },
    table: { type: 'string', default: 'venta' },
    db: { type: 'string' },
  },
});
if (!args.key) {
  console.error('Pass --key <client key> (or set KEY)');
  process.exit(2);
}

const dbPath = args.db ?? join(mkdtempSync(join(tmpdir(), 'resync-backlog-')), 'queue.db');
// NORMAL: survives the process being killed; FULL (the default) also survives a power loss.
const store = new SqliteStore(dbPath, { synchronous: 'NORMAL' });
const client = new ResyncClient({ baseUrl: args.url, apiKey: args.key, store });

let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

const count = Number(args.records);
if (count > 0 && (await client.counts()).pending === 0) {
  const run = Date.now().toString(36);
  for (let start = 0; start < count; start += 10_000) {
    const end = Math.min(count, start + 10_000);
    const changes = [];
    for (let i = start; i < end; i++) {
      changes.push({
        op: 'CREATE',
        table: args.table,
        record: { id: `backlog-${run}-${i}`, total: i % 1000, items: [{ sku: `SKU-${i % 97}`, qty: 1 + (i % 5) }] },
      });
    }
    await client.write(changes);
  }
  console.log(`Queued ${count.toLocaleString()} changes offline in ${dbPath}`);
}

const startedAt = Date.now();
const bar = (p) => {
  const width = 30;
  const done = p.total === 0 ? 1 : p.confirmed / p.total;
  const filled = Math.round(done * width);
  const rate = Math.round(p.confirmed / Math.max(0.001, (Date.now() - startedAt) / 1000));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(done * 100).toFixed(0).padStart(3)}%  sent ${p.sent.toLocaleString()}  confirmed ${p.confirmed.toLocaleString()}/${p.total.toLocaleString()}  ${rate.toLocaleString()}/s`;
};
client.on('progress', (p) => process.stdout.write(`\r${bar(p)}`));
client.on('retry', (r) => process.stdout.write(`\n${r.reason}: retrying in ${r.delayMs} ms\n`));
client.on('rejected', (r) => process.stdout.write(`\nrejected ${r.table}/${r.id} v${r.ver}: ${r.reason}\n`));
client.on('error', (e) => process.stdout.write(`\n${e.message}\n`));

try {
  const report = await client.sync();
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(`\n${JSON.stringify(report)}`);
  console.log(
    `${report.confirmed.toLocaleString()} confirmed in ${seconds.toFixed(1)} s (${Math.round(report.confirmed / seconds).toLocaleString()}/s), peak memory ${Math.round(peakRss / 2 ** 20)} MiB`,
  );
} finally {
  clearInterval(sample);
  await client.close();
}
