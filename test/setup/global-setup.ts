// Native require here (no jest moduleNameMapper): import the dependency-free files directly.
import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';
import { applyMigrations } from '../../libs/database/src/migrator';
import { withDatabase } from '../../libs/testing/src/test-database';
import { freePort } from './free-port';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Once per jest run: a PostgreSQL server (TEST_DATABASE_URL's, or an embedded one in a temporary
 * directory) and a template database with the real migrations applied. Each test file then gets
 * its own database cloned from the template (libs/testing), so suites never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'resync-test-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
    const embedded = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: await freePort(),
      database: 'postgres',
      ephemeral: true,
    });
    (globalThis as { __RESYNC_PG__?: typeof embedded }).__RESYNC_PG__ = embedded;
    serverUrl = embedded.adminUrl;
  }
  const template = `resync_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, template);
  await applyMigrations(templateUrl);
  process.env.RESYNC_TEST_SERVER_URL = serverUrl;
  process.env.RESYNC_TEST_TEMPLATE = template;
}
