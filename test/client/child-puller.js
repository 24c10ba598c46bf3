// A device's process for the pull-restart test: `node child-puller.js <client build> <db> <baseUrl>
// <apiKey> <pullLimit>`. Pulls venta into its SQLite store; prints PULLED <n> after every applied
// record (n counts this process's) and DONE {...} at the end.
const [, , build, dbPath, baseUrl, apiKey, limit] = process.argv;
const { ResyncClient } = require(`${build}/index.js`);
const { SqliteStore } = require(`${build}/sqlite/index.js`);

async function main() {
  const store = new SqliteStore(dbPath, { synchronous: 'NORMAL' });
  const client = new ResyncClient({ baseUrl, apiKey, store, tables: ['venta'], pullLimit: Number(limit) });
  let pulled = 0;
  client.on('change', (e) => e.origin === 'remote' && process.stdout.write(`PULLED ${++pulled}\n`));
  const report = await client.pull();
  process.stdout.write(`DONE ${JSON.stringify(report)}\n`);
  await client.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
