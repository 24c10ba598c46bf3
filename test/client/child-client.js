// A store app's process for the durable-restart test: `node child-client.js <client build> <db>
// <baseUrl> <apiKey> write|sync <count>`. Prints WRITTEN, PROGRESS {...} lines and DONE {...}.
const [, , build, dbPath, baseUrl, apiKey, mode, count] = process.argv;
const { ResyncClient } = require(`${build}/index.js`);
const { SqliteStore } = require(`${build}/sqlite/index.js`);

async function main() {
  const store = new SqliteStore(dbPath, { synchronous: 'NORMAL' });
  const client = new ResyncClient({
    baseUrl,
    apiKey,
    store,
    batchSize: 20,
    concurrency: 2,
    backoff: { baseMs: 20, maxMs: 200 },
  });
  if (mode === 'write') {
    const ids = Array.from({ length: Number(count) }, (_, i) => `kill-${i}`);
    await client.write(ids.map((id, i) => ({ op: 'CREATE', table: 'venta', record: { id, total: i } })));
    await client.write(
      ids.filter((_, i) => i % 3 === 0).map((id) => ({ op: 'UPDATE', table: 'venta', record: { id, total: -1 } })),
    );
    await client.write(ids.filter((_, i) => i % 7 === 0).map((id) => ({ op: 'DELETE', table: 'venta', id })));
    process.stdout.write('WRITTEN\n');
  }
  client.on('progress', (p) => process.stdout.write(`PROGRESS ${JSON.stringify(p)}\n`));
  const report = await client.sync();
  process.stdout.write(`DONE ${JSON.stringify(report)}\n`);
  await client.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
