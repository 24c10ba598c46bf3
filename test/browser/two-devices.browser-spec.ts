import { createTestDatabase, TestDatabase } from '@app/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { killStartedApps } from '../foundation/app-process';
import { API_MAIN, ROOT } from '../foundation/built-app';
import { startBrowserApi } from './browser-api';
import { CHROMIUM, launchChromium } from './chromium';
import { startPageServer } from './page-server';

const CLIENT_BUILD = join(ROOT, 'libs', 'client', 'dist', 'esm');
const CLIENT_ID = 'WEB_002';
const KEY = 'web-store-key-0002';

/** What the page's code sees; it runs in Chromium, so it is typed loosely here. */
type PageGlobal = { resync: any; device: any; seen: { changes: any[]; conflicts: any[] } };

/**
 * Two devices of one store in Chromium: two browser profiles (each its own IndexedDB), one key,
 * the built server. Device A writes and device B pulls it; both change the same record, B's change
 * is a conflict reported to B; both end with the server's row.
 */
describe('two devices in Chromium (two profiles, one key)', () => {
  let database: TestDatabase;
  let api: { url: string; cleanup(): void };
  let site: { origin: string; close(): Promise<void> };
  const browsers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    if (!existsSync(join(ROOT, API_MAIN)) || !existsSync(join(CLIENT_BUILD, 'index.js')))
      throw new Error('Run `npm run build` first (npm run test:browser does)');
    database = await createTestDatabase();
    site = await startPageServer(CLIENT_BUILD, 'localhost');
    api = await startBrowserApi({ databaseUrl: database.url, clientId: CLIENT_ID, key: KEY, pageOrigin: site.origin });
  }, 120_000);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await killStartedApps();
    await site?.close();
    await database?.drop();
    api?.cleanup();
  }, 60_000);

  /** A device: a page in a browser profile of its own, with a client on its IndexedDB store. */
  async function openDevice(): Promise<Page> {
    const browser = await launchChromium();
    browsers.push(browser);
    return openClient(await browser.context.newPage());
  }

  /** (Re)loads the app in `tab` and starts a client on the profile's IndexedDB store `till`. */
  async function openClient(tab: Page): Promise<Page> {
    await tab.goto(`${site.origin}/`);
    await tab.waitForFunction(() => (globalThis as unknown as PageGlobal).resync !== undefined);
    await tab.evaluate(
      ({ baseUrl, apiKey }) => {
        const page = globalThis as unknown as PageGlobal;
        const { ResyncClient, IndexedDbStore } = page.resync;
        page.device = new ResyncClient({
          baseUrl,
          apiKey,
          store: new IndexedDbStore({ name: 'till' }),
          tables: ['venta'],
          backoff: { baseMs: 50, maxMs: 200 },
        });
        page.seen = { changes: [], conflicts: [] };
        page.device.on('change', (c: any) => page.seen.changes.push(c));
        page.device.on('conflict', (c: any) => page.seen.conflicts.push(c));
      },
      { baseUrl: api.url, apiKey: KEY },
    );
    return tab;
  }

  /**
   * Syncs until the device holds venta/`id` at `ver` (bounded), as an app does: a pull serves a
   * change once every transaction open at its start has finished (docs/multi-device.md), and
   * other test files may hold one open on the same PostgreSQL server.
   */
  const syncUntil = (tab: Page, id: string, ver: number) =>
    tab.evaluate(
      async ({ id, ver }) => {
        const { device } = globalThis as unknown as PageGlobal;
        for (let tries = 0; tries < 100; tries++) {
          await device.sync();
          const record = await device.get('venta', id);
          if (record?.ver === ver) return record;
          await new Promise((wake) => setTimeout(wake, 100));
        }
        throw new Error(`venta/${id} never reached version ${ver} on this device`);
      },
      { id, ver },
    );

  /** Runs `work` in the page with its client (a handle to the page's `device`). */
  const onDevice = async <T>(tab: Page, work: (device: any) => Promise<T>): Promise<T> => {
    const device = await tab.evaluateHandle(() => (globalThis as unknown as PageGlobal).device);
    try {
      return (await device.evaluate(work)) as T;
    } finally {
      await device.dispose();
    }
  };

  async function serverState() {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT _hash_id AS id, _ver AS ver, data FROM venta WHERE _client_id = $1 AND NOT _deleted ORDER BY 1`,
        [CLIENT_ID],
      );
      const operations = await client.query(
        `SELECT record_id || '@' || batch_version || ' ' || operation || ' ' || status || ' base ' || coalesce(base_ver::text, '-') AS op,
                device_id FROM sync_operations WHERE client_id = $1 ORDER BY id`,
        [CLIENT_ID],
      );
      return { rows: rows.rows, operations: operations.rows };
    } finally {
      await client.end();
    }
  }

  it('A writes, B pulls it; both change it, B is told of the conflict; both end with the server row', async () => {
    const a = await openDevice();
    const b = await openDevice();
    const [deviceA, deviceB] = await Promise.all([a, b].map((tab) => onDevice(tab, (device) => device.deviceId())));
    expect(deviceA).not.toEqual(deviceB);

    // A writes; B pulls it (its `change` event says remote).
    const created = await onDevice(a, async (device) => {
      await device.create('venta', { id: 'till-1', total: 10, status: 'open' });
      return device.sync();
    });
    expect(created).toMatchObject({ confirmed: 1, pending: 0 });
    expect(await syncUntil(b, 'till-1', 1)).toEqual({
      id: 'till-1',
      ver: 1,
      data: { total: 10, status: 'open' },
      pending: false,
    });
    expect(await b.evaluate(() => (globalThis as unknown as PageGlobal).seen.changes)).toEqual([
      { table: 'venta', id: 'till-1', ver: 1, data: { total: 10, status: 'open' }, deleted: false, origin: 'remote' },
    ]);

    // Both change version 1; A syncs first, so B's change is the conflict.
    await onDevice(a, (device) => device.update('venta', { id: 'till-1', total: 12, status: 'open' }));
    await onDevice(b, (device) => device.update('venta', { id: 'till-1', total: 10, status: 'paid' }));
    await onDevice(a, (device) => device.sync());
    await onDevice(b, (device) => device.sync());
    const serverRow = { id: 'till-1', ver: 2, data: { total: 12, status: 'open' } };
    const conflict = {
      table: 'venta',
      id: 'till-1',
      local: expect.objectContaining({ ver: 2, baseVer: 1, op: 'UPDATE', data: { total: 10, status: 'paid' } }),
      serverVer: 2,
      serverData: serverRow.data,
      deleted: false,
      resolution: 'server',
    };
    expect(await b.evaluate(() => (globalThis as unknown as PageGlobal).seen.conflicts)).toEqual([
      expect.objectContaining(conflict),
    ]);
    expect(await a.evaluate(() => (globalThis as unknown as PageGlobal).seen.conflicts)).toEqual([]);

    for (const tab of [a, b]) expect(await syncUntil(tab, 'till-1', 2)).toEqual({ ...serverRow, pending: false });
    expect(await serverState()).toEqual({
      rows: [serverRow],
      operations: [
        { op: 'till-1@1 CREATE COMPLETED base 0', device_id: deviceA },
        { op: 'till-1@2 UPDATE COMPLETED base 1', device_id: deviceA },
        { op: 'till-1@2 UPDATE CONFLICT base 1', device_id: deviceB },
      ],
    });

    // B reopened: its IndexedDB kept the device id, the record at the server's version and the conflict.
    await b.evaluate(() => (globalThis as unknown as PageGlobal).device.close());
    await openClient(b);
    expect(
      await onDevice(b, async (device) => ({
        id: await device.deviceId(),
        record: await device.get('venta', 'till-1'),
        conflicts: (await device.conflicts()).map((c: any) => `${c.table}/${c.id} server v${c.serverVer}`),
      })),
    ).toEqual({ id: deviceB, record: { ...serverRow, pending: false }, conflicts: ['venta/till-1 server v2'] });
  });
});
