import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import { Client } from 'pg';
import { freePort } from '../setup/free-port';

export interface ListeningServer {
  t: TestApp;
  baseUrl: string;
  /** The MTY test client's key. */
  apiKey: string;
  clientId: string;
  /** A plain SQL connection to the app's database, for playing the DBA and for checks. */
  sql<T extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The real app on its own fresh database, listening on a free port (the client needs a URL). */
export async function startListeningServer(env: Record<string, string> = {}): Promise<ListeningServer> {
  const t = await createTestApp({ module: (config) => ApiModule.register(config), env });
  const port = await freePort();
  await t.app.listen(port, '127.0.0.1');
  const pg = new Client({ connectionString: t.database.url });
  await pg.connect();
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: TEST_CLIENTS.MTY.key,
    clientId: TEST_CLIENTS.MTY.clientId,
    sql: async <T extends object>(text: string, values: unknown[] = []) => (await pg.query(text, values)).rows as T[],
    close: async () => {
      await pg.end();
      await t.close();
    },
  };
}

/**
 * Rows of a client that have no COMPLETED operation for their current version (the product's
 * "missing history"), tombstones included, among ids starting with `idPrefix`.
 */
export async function missingHistory(server: ListeningServer, table = 'venta', idPrefix = ''): Promise<string[]> {
  const rows = await server.sql<{ id: string }>(
    `SELECT v._hash_id AS id FROM ${table} v
      WHERE v._client_id = $1 AND starts_with(v._hash_id, $3) AND NOT EXISTS (
        SELECT 1 FROM sync_operations o
         WHERE o.table_name = $2 AND o.client_id = v._client_id AND o.record_id = v._hash_id
           AND o.batch_version = v._ver AND o.status = 'COMPLETED')
      ORDER BY 1`,
    [server.clientId, table, idPrefix],
  );
  return rows.map((r) => r.id);
}
