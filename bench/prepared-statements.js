#!/usr/bin/env node
// node bench/prepared-statements.js [--seconds=4] [--rounds=4] [--connections=8] (after npm run build)
// What DATABASE_PREPARED_STATEMENTS=false costs the hot statements, without HTTP (docs/scaling.md):
// the built app's own repositories on node-pg, CONNECTIONS loops each, single-record ingest,
// ingest of 100 records and single-record status, named and unnamed in alternating rounds on one
// embedded PostgreSQL. Prints statements/s per side and the unnamed/named ratio per round.
const { join } = require('node:path');
const { startDatabaseServer, DIST } = require('./lib/postgres');

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SECONDS = arg('seconds', 4);
const ROUNDS = arg('rounds', 4);
const CONNECTIONS = arg('connections', 8);
const lib = (path) => require(join(DIST, 'libs', path));

async function main() {
  const { PrismaService } = lib('database/src');
  const { IngestRepository } = lib('ingest/src/ingest.repository');
  const { RecordStatusRepository } = lib('record-status/src/record-status.repository');
  const db = await startDatabaseServer();
  try {
    const url = await db.createDatabase('prepared');
    const side = (prepared) => {
      const config = {
        databaseUrl: url,
        databasePoolSize: CONNECTIONS,
        databasePreparedStatements: prepared,
        auditPayloads: true,
      };
      const prisma = new PrismaService(config);
      return { prisma, ingest: new IngestRepository(prisma, config), status: new RecordStatusRepository(prisma) };
    };
    const sides = { named: side(true), unnamed: side(false) };
    let n = 0;
    const scenarios = {
      'ingest-1': (s) => s.ingest.applyAndLog(undefined, 'MTY_001', 'venta', [change(++n)]),
      'ingest-100': (s) =>
        s.ingest.applyAndLog(
          undefined,
          'MTY_001',
          'venta',
          Array.from({ length: 100 }, () => change(++n)),
        ),
      'status-1': (s) =>
        s.status.find('MTY_001', 'venta', [{ hashId: `r-${1 + (n++ % 1000)}`, queueId: null, ver: null }]),
    };
    for (const [name, work] of Object.entries(scenarios)) {
      const totals = { named: 0, unnamed: 0 };
      const ratios = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const order = round % 2 ? ['named', 'unnamed'] : ['unnamed', 'named'];
        const rates = {};
        for (const which of order) {
          await loop(sides[which], work, 1); // warm-up: connections open, statements prepared
          rates[which] = (await loop(sides[which], work, SECONDS)) / SECONDS;
          totals[which] += rates[which];
        }
        ratios.push(rates.unnamed / rates.named);
        console.log(
          `${name} round ${round}: named ${rates.named.toFixed(0)}/s, unnamed ${rates.unnamed.toFixed(0)}/s, ratio ${ratios.at(-1).toFixed(2)}`,
        );
      }
      console.log(
        `RESULT ${name} named=${(totals.named / ROUNDS).toFixed(0)}/s unnamed=${(totals.unnamed / ROUNDS).toFixed(0)}/s ratio=${(totals.unnamed / totals.named).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
      );
    }
    for (const s of Object.values(sides)) await s.prisma.onModuleDestroy();
  } finally {
    await db.stop();
  }
}

/** A new record's CREATE. */
function change(i) {
  return { operation: 'CREATE', id: `r-${i}`, ver: 1, queueId: null, fields: { total: i, name: 'bench' } };
}

/** CONNECTIONS loops calling `work` for `seconds`; the number of calls. */
async function loop(side, work, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let calls = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        await work(side);
        calls++;
      }
    }),
  );
  return calls;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
