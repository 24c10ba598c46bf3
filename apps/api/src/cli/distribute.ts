import { directDatabaseUrl, loadAppConfig } from '@app/common';
import { distribute } from '@app/database';
import { existsSync } from 'node:fs';

/**
 * `npm run db:distribute`: distributes a migrated database on a Citus coordinator by client id
 * (docs/scaling.md "How resync runs on Citus"). Connects to DATABASE_DIRECT_URL, else DATABASE_URL.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const url = directDatabaseUrl(loadAppConfig(process.env));
  if (!url) throw new Error('Set DATABASE_URL (or DATABASE_DIRECT_URL) to the Citus coordinator');
  await distribute(url, (message) => console.log(message));
  console.log('distributed');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
