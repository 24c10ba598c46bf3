import { directDatabaseUrl, loadAppConfig } from '@app/common';
import { expireFeeds } from '@app/database';
import { existsSync } from 'node:fs';

const USAGE = 'Usage: npm run db:expire-feeds -- <client id> [<client id> ...] | --all';

/**
 * `npm run db:expire-feeds -- <client id>... | --all`: after a Citus shard move or a restore onto
 * another server, expires the moved clients' change feed cursors (docs/scaling.md "Shard moves and
 * the change feed"). Connects to DATABASE_DIRECT_URL, else DATABASE_URL.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (
    args.length === 0 ||
    (args.includes('--all') && args.length > 1) ||
    args.some((a) => a.startsWith('-') && a !== '--all')
  )
    throw new Error(USAGE);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const url = directDatabaseUrl(loadAppConfig(process.env));
  if (!url) throw new Error('Set DATABASE_URL (or DATABASE_DIRECT_URL)');
  const expired = await expireFeeds(url, args[0] === '--all' ? 'all' : args);
  for (const e of expired) console.log(`${e.clientId}: cursors expired, ${e.rows} row(s) restamped`);
  console.log(`${expired.length} client(s)`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
