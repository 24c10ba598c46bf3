import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __RESYNC_PG__?: { stop(): Promise<void>; dataDir: string } }).__RESYNC_PG__;
  if (embedded) {
    await embedded.stop();
    rmSync(dirname(embedded.dataDir), { recursive: true, force: true });
    return;
  }
  // A shared TEST_DATABASE_URL server: drop what this run created.
  const client = new Client({ connectionString: process.env.RESYNC_TEST_SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [process.env.RESYNC_TEST_TEMPLATE, `${process.env.RESYNC_TEST_TEMPLATE}_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
