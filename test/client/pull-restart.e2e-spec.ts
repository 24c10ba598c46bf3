import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildClientCjs } from './build-client';
import { watchLines } from './child-lines';
import { ListeningServer, startListeningServer } from './client-server';

const ROOT = resolve(__dirname, '../..');
const COUNT = 3000;

/**
 * A device killed with SIGKILL in the middle of a pull, then restarted on the same SQLite file:
 * it goes on from its stored cursor and ends with exactly the server's rows.
 */
describe('ResyncClient on SqliteStore killed mid-pull', () => {
  let server: ListeningServer;
  let dir: string;
  let build: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    server = await startListeningServer();
    dir = mkdtempSync(join(tmpdir(), 'resync-client-pull-kill-'));
    build = buildClientCjs(join(dir, 'client'));
    for (let from = 0; from < COUNT; from += 1000) {
      const operations = Array.from({ length: 1000 }, (_, i) => ({
        operation: 'CREATE',
        record: { id: `pull-${from + i}`, ver: 1, total: from + i },
      }));
      await server.t.as('MTY').post('/tables/venta/batch').send({ operations }).expect(200);
    }
  }, 120_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function run(dbPath: string) {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'child-puller.js'), build, dbPath, server.baseUrl, server.apiKey, '50'],
      {
        env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    const { waitFor, exited } = watchLines(child);
    return { child, waitFor, exited };
  }

  it('goes on from its cursor after a SIGKILL and ends with exactly the server rows', async () => {
    const dbPath = join(dir, 'device.db');
    const first = run(dbPath);
    const seen = await first.waitFor((line) => line === 'PULLED 400' || line.startsWith('DONE '));
    if (!seen.startsWith('DONE ')) first.child.kill('SIGKILL');
    await first.exited;
    const stored = new Database(dbPath, { readonly: true });
    const half = (stored.prepare(`SELECT COUNT(*) AS n FROM records WHERE tbl = 'venta'`).get() as { n: number }).n;
    stored.close();
    // Killed mid-pull: some pages stored, not all.
    expect([half > 0, half < COUNT]).toEqual([true, true]);

    const second = run(dbPath);
    const done = await second.waitFor((line) => line.startsWith('DONE '));
    expect(await second.exited).toBe(0);
    // The restart asked only for what the first process had not stored.
    expect(JSON.parse(done.slice(5))).toMatchObject({ pulled: COUNT - half, resets: 0 });

    const store = new Database(dbPath, { readonly: true });
    const records = store.prepare(`SELECT id, ver, data FROM records WHERE tbl = 'venta'`).all() as {
      id: string;
      ver: number;
      data: string;
    }[];
    const cursor = store.prepare(`SELECT value FROM meta WHERE key = 'cursor:venta'`).get() as { value: string };
    store.close();
    const rows = await server.sql<{ id: string; ver: number; data: unknown }>(
      `SELECT _hash_id AS id, _ver AS ver, data FROM venta WHERE _client_id = $1`,
      [server.clientId],
    );
    const local = new Map(records.map((r) => [r.id, r]));
    expect(records).toHaveLength(rows.length);
    for (const row of rows) {
      const mine = local.get(row.id);
      expect(mine && [mine.ver, JSON.parse(mine.data)]).toEqual([row.ver, row.data]);
    }
    expect(JSON.parse(cursor.value)).toMatchObject({ full: false });
  }, 180_000);
});
