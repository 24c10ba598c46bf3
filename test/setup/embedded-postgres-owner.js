// A process that owns an embedded PostgreSQL, for libs/database/src/embedded-postgres.int-spec.ts:
// node embedded-postgres-owner.js <dataDir> <port> stay|exit. Prints one JSON line once the server
// is up, then stays alive (until killed) or exits without stopping it.
require('../../scripts/register-ts');

const [dataDir, port, mode] = process.argv.slice(2);
const hooksBefore = process.listenerCount('exit');
const { startEmbeddedPostgres } = require('../../libs/database/src/embedded-postgres.ts');
const hooksAtImport = process.listenerCount('exit') - hooksBefore;

startEmbeddedPostgres({ dataDir, port: Number(port), database: 'postgres', ephemeral: true }).then(
  (pg) => {
    console.log(JSON.stringify({ pid: pg.pid, port: pg.port, hooksAtImport }));
    if (mode === 'exit') process.exit(0);
    setInterval(() => undefined, 60_000);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
