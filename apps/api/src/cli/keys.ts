import { loadAppConfig, SystemClock } from '@app/common';
import { ClientKeysRepository, ClientKeysService, KEYS_USAGE, runKeysCommand } from '@app/credentials';
import { applyMigrations, SessionClient } from '@app/database';
import { Pool } from 'pg';
import { resolveDatabase } from './database-url';

/**
 * `npm run keys -- issue MTY_001 --device till-2` (list, rotate, revoke): database keys on the
 * database in use, the embedded one too, without HTTP tools (docs/credentials.md). Running
 * instances see the change through NOTIFY, as with the admin routes.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(KEYS_USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const { url, embedded } = await resolveDatabase();
  const pool = new Pool({ connectionString: url, max: 2, Client: SessionClient });
  try {
    await applyMigrations(url);
    const config = loadAppConfig(process.env);
    const service = new ClientKeysService(
      new ClientKeysRepository(pool),
      new SystemClock(),
      config.clientKeyRotateGraceMs,
    );
    return await runKeysCommand(args, service, (line) => console.log(line));
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
