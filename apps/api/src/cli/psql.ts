import { spawn } from 'node:child_process';
import { resolveDatabase } from './database-url';

/**
 * `npm run psql [-- psql arguments]`: psql on the database in use, the embedded one too (shared
 * with a running API, or started for the session and stopped when psql exits). Needs the psql
 * client on PATH (Debian/Ubuntu: `apt-get install postgresql-client`).
 */
async function main(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  const psql = spawn('psql', [url, ...process.argv.slice(2)], { stdio: 'inherit' });
  const finish = async (code: number) => {
    await embedded?.stop();
    process.exit(code);
  };
  // psql handles Ctrl-C itself (it cancels the running query); we only wait for it to exit.
  process.on('SIGINT', () => undefined);
  psql.on('error', (error: NodeJS.ErrnoException) => {
    const hint =
      error.code === 'ENOENT'
        ? 'psql is not installed: install the PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client)'
        : error.message;
    console.error(hint);
    void finish(1);
  });
  psql.on('exit', (code) => void finish(code ?? 1));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
