import { directDatabaseUrl, loadAppConfig } from '@app/common';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/database';
import { existsSync } from 'node:fs';

/**
 * DATABASE_DIRECT_URL, else DATABASE_URL (a session of its own: migrations take a session advisory
 * lock, psql and Studio keep one), or the embedded database the app uses when both are unset
 * (started if needed).
 */
export async function resolveDatabase(): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadAppConfig(process.env);
  const url = directDatabaseUrl(config);
  if (url) return { url };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.embeddedDatabaseDir,
    port: config.embeddedDatabasePort,
    log: (m) => console.log(m),
  });
  console.log(`Embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir}`);
  return { url: embedded.url, embedded };
}
