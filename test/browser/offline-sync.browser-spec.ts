import { createTestDatabase, TestDatabase } from '@app/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BrowserContext } from 'playwright-core';
import { killStartedApps } from '../foundation/app-process';
import { API_MAIN, ROOT } from '../foundation/built-app';
import { startBrowserApi } from './browser-api';
import { CHROMIUM, launchChromium } from './chromium';
import { startPageServer } from './page-server';

const CLIENT_BUILD = join(ROOT, 'libs', 'client', 'dist', 'esm');
const KEY = 'web-store-key-0001';

/** What the page's code sees; it runs in Chromium, so it is typed loosely here. */
type PageGlobal = { resync: any };

/**
 * @resync/client's browser build and IndexedDbStore in Debian's headless Chromium, against the
 * built server, with the page served from another origin than the API (CORS), as a store's web
 * app would be: offline writes, a reload, back online, sync, checked on the server's database.
 */
describe('the client in a browser (headless Chromium, page on another origin)', () => {
  let database: TestDatabase;
  let api: { url: string; cleanup(): void };
  let apiUrl: string;
  let page: { origin: string; close(): Promise<void> };
  let otherPage: { origin: string; close(): Promise<void> };
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    if (!existsSync(join(ROOT, API_MAIN)) || !existsSync(join(CLIENT_BUILD, 'index.js')))
      throw new Error('Run `npm run build` first (npm run test:browser does)');
    database = await createTestDatabase();
    page = await startPageServer(CLIENT_BUILD, 'localhost');
    otherPage = await startPageServer(CLIENT_BUILD, '127.0.0.1');
    api = await startBrowserApi({ databaseUrl: database.url, clientId: 'WEB_001', key: KEY, pageOrigin: page.origin });
    apiUrl = api.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await killStartedApps();
    await page?.close();
    await otherPage?.close();
    await database?.drop();
    api?.cleanup();
  }, 60_000);

  async function openApp(origin: string) {
    const tab = await browser.context.newPage();
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => (globalThis as unknown as PageGlobal).resync !== undefined);
    return tab;
  }

  async function serverState() {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const tombstones =
        (
          await client.query(
            `SELECT 1 FROM information_schema.columns WHERE table_name = 'venta' AND column_name = '_deleted'`,
          )
        ).rowCount! > 0;
      const live = tombstones ? 'NOT _deleted' : 'true';
      const rows = await client.query(
        `SELECT 'venta' AS t, _hash_id AS id, _ver AS ver, data FROM venta WHERE _client_id = 'WEB_001' AND ${live}
         UNION ALL SELECT 'devolucion', _hash_id, _ver, data FROM devolucion WHERE _client_id = 'WEB_001' AND ${live} ORDER BY 1, 2`,
      );
      const operations = await client.query(
        `SELECT table_name || '/' || record_id || '@' || batch_version || ' ' || operation AS op FROM sync_operations
          WHERE client_id = 'WEB_001' AND status = 'COMPLETED' ORDER BY table_name, record_id, batch_version`,
      );
      return {
        rows: rows.rows.map((r) => `${r.t}/${r.id}@${r.ver} ${JSON.stringify(r.data)}`),
        operations: operations.rows.map((r) => r.op),
      };
    } finally {
      await client.end();
    }
  }

  it('writes offline into IndexedDB, keeps them across a reload, and syncs them all when back online', async () => {
    let tab = await openApp(page.origin);
    await browser.context.setOffline(true);

    const offline = await tab.evaluate(
      async ({ baseUrl, apiKey }) => {
        const { ResyncClient, IndexedDbStore } = (globalThis as unknown as PageGlobal).resync;
        const client = new ResyncClient({
          baseUrl,
          apiKey,
          store: new IndexedDbStore({ name: 'store-app' }),
          backoff: { baseMs: 100, maxMs: 400 },
        });
        await client.create('venta', { id: 'web-1', total: 10, note: 'añadido' });
        await client.create('venta', { id: 'web-2', total: 20 });
        await client.update('venta', { id: 'web-1', total: 12.5, note: 'añadido' });
        await client.create('devolucion', { id: 'web-3', reason: 'damaged' });
        await client.delete('venta', 'web-2');
        // Offline, a sync keeps retrying on its own timer and confirms nothing.
        const attempt = await Promise.race([
          client.sync().then(
            () => 'resolved',
            (error: Error) => `rejected: ${error.message}`,
          ),
          new Promise((wake) => setTimeout(() => wake('still retrying'), 1500)),
        ]);
        const pending = (await client.pending()).map((p: any) => `${p.table}/${p.id}@${p.ver} ${p.op}`);
        await client.close();
        return { attempt, pending };
      },
      { baseUrl: apiUrl, apiKey: KEY },
    );

    const queued = [
      'venta/web-1@1 CREATE',
      'venta/web-2@1 CREATE',
      'venta/web-1@2 UPDATE',
      'devolucion/web-3@1 CREATE',
      'venta/web-2@2 DELETE',
    ];
    expect(offline).toEqual({ attempt: 'still retrying', pending: queued });
    expect(await serverState()).toEqual({ rows: [], operations: [] });

    // Back online; the app restarts (a reload is a new page: only IndexedDB remembers).
    await browser.context.setOffline(false);
    await tab.close();
    tab = await openApp(page.origin);
    const online = await tab.evaluate(
      async ({ baseUrl, apiKey }) => {
        const { ResyncClient, IndexedDbStore } = (globalThis as unknown as PageGlobal).resync;
        const client = new ResyncClient({ baseUrl, apiKey, store: new IndexedDbStore({ name: 'store-app' }) });
        const before = (await client.pending()).map((p: any) => `${p.table}/${p.id}@${p.ver} ${p.op}`);
        const report = await client.sync();
        const after = (await client.pending()).length;
        const audit = await client.audit();
        await client.close();
        return { before, confirmed: report.confirmed, pending: report.pending, after, healed: audit.healed };
      },
      { baseUrl: apiUrl, apiKey: KEY },
    );

    expect(online).toEqual({ before: queued, confirmed: 5, pending: 0, after: 0, healed: 0 });
    expect(await serverState()).toEqual({
      rows: ['devolucion/web-3@1 {"reason":"damaged"}', 'venta/web-1@2 {"note":"añadido","total":12.5}'],
      operations: [
        'devolucion/web-3@1 CREATE',
        'venta/web-1@1 CREATE',
        'venta/web-1@2 UPDATE',
        'venta/web-2@1 CREATE',
        'venta/web-2@2 DELETE',
      ],
    });
    await tab.close();
  });

  it('the API lets the configured origin read its answers and not another origin', async () => {
    const request = async ({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }) => {
      try {
        const response = await fetch(`${baseUrl}/records`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ hash_id: 'web-1' }),
        });
        return `${response.status} ${((await response.json()) as { status: string }).status}`;
      } catch (error) {
        return `blocked: ${(error as Error).name}`;
      }
    };
    const allowed = await openApp(page.origin);
    const other = await openApp(otherPage.origin);

    expect(await allowed.evaluate(request, { baseUrl: apiUrl, apiKey: KEY })).toBe('200 COMPLETED');
    expect(await other.evaluate(request, { baseUrl: apiUrl, apiKey: KEY })).toBe('blocked: TypeError');
    await Promise.all([allowed.close(), other.close()]);
  });
});
