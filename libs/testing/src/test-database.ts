import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.RESYNC_TEST_SERVER_URL;
  if (!url) throw new Error('RESYNC_TEST_SERVER_URL is not set: run tests through jest (test/setup/global-setup.ts)');
  return url;
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database of the run's server: by default with every migration applied (cloned from the
 * run's template); `{ empty: true }` gives one with no migrations, for testing the migrator itself.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = process.env.RESYNC_TEST_TEMPLATE!;
  const name = `${template}_${options.empty ? 'empty_' : ''}${randomBytes(5).toString('hex')}`;
  await admin((client) =>
    client.query(options.empty ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A fresh database (migrated, or `empty` for migration specs) and one node-pg connection to it for
 * the spec file (`client` and `url` are set once beforeAll ran), filled by `seed` first; both go in afterAll.
 */
export function useDatabaseClient(options: { empty?: boolean; seed?: (client: Client) => Promise<unknown> } = {}): {
  client: Client;
  url: string;
} {
  let db: TestDatabase | undefined;
  const kit = { client: undefined as unknown as Client, url: '' };
  beforeAll(async () => {
    db = await createTestDatabase({ empty: options.empty });
    kit.url = db.url;
    kit.client = new Client({ connectionString: db.url });
    await kit.client.connect();
    await options.seed?.(kit.client);
  });
  afterAll(async () => {
    await kit.client?.end();
    await db?.drop();
  });
  return kit;
}
