import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildClientCjs } from './build-client';
import { watchLines } from './child-lines';
import { missingHistory, ListeningServer, startListeningServer } from './client-server';

const ROOT = resolve(__dirname, '../..');
const COUNT = 1500;

/** What the client assigned to each change of record i in child-client.js: CREATE 1, UPDATE 2, DELETE next. */
function expectedVersions(i: number): Record<string, number> {
  const versions: Record<string, number> = { CREATE: 1 };
  if (i % 3 === 0) versions.UPDATE = 2;
  if (i % 7 === 0) versions.DELETE = i % 3 === 0 ? 3 : 2;
  return versions;
}

/**
 * A store app killed with SIGKILL in the middle of a sync, twice, then restarted on the same
 * SQLite file: no change is lost and none is sent under another version than the one it got.
 */
describe('ResyncClient on SqliteStore killed mid-sync', () => {
  let server: ListeningServer;
  let dir: string;
  let build: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    server = await startListeningServer();
    dir = mkdtempSync(join(tmpdir(), 'resync-client-kill-'));
    // The child runs the package as plain CommonJS, compiled here.
    build = buildClientCjs(join(dir, 'client'));
  }, 120_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function run(mode: 'write' | 'sync', dbPath: string) {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'child-client.js'), build, dbPath, server.baseUrl, server.apiKey, mode, String(COUNT)],
      {
        env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    return { child, ...watchLines(child) };
  }

  const confirmedAtLeast = (n: number) => (line: string) =>
    line.startsWith('PROGRESS ') && JSON.parse(line.slice(9)).confirmed >= n;

  it('loses nothing and never changes a version across two SIGKILLs', async () => {
    const dbPath = join(dir, 'store.db');
    const first = run('write', dbPath);
    await first.waitFor(confirmedAtLeast(100));
    first.child.kill('SIGKILL');
    await first.exited;

    const second = run('sync', dbPath);
    // Killed again mid-sync (on a machine fast enough to finish first, it simply finished).
    const seen = await second.waitFor((line) => confirmedAtLeast(50)(line) || line.startsWith('DONE '));
    if (!seen.startsWith('DONE ')) second.child.kill('SIGKILL');
    await second.exited;

    const third = run('sync', dbPath);
    const done = await third.waitFor((line) => line.startsWith('DONE '));
    expect(await third.exited).toBe(0);
    expect(JSON.parse(done.slice(5))).toMatchObject({ pending: 0, rejected: 0 });

    const store = new Database(dbPath, { readonly: true });
    const queued = store.prepare('SELECT COUNT(*) AS n FROM queue').get() as { n: number };
    const records = store.prepare(`SELECT id, ver, op, data FROM records WHERE tbl = 'venta'`).all() as {
      id: string;
      ver: number;
      op: string;
      data: string | null;
    }[];
    store.close();
    expect(queued.n).toBe(0);
    expect(records).toHaveLength(COUNT);

    const rows = await server.sql<{ id: string; ver: number; deleted: boolean; data: unknown }>(
      `SELECT _hash_id AS id, _ver AS ver, _deleted AS deleted, data FROM venta WHERE _client_id = $1 AND _hash_id LIKE 'kill-%'`,
      [server.clientId],
    );
    const serverRows = new Map(rows.map((r) => [r.id, r]));
    const ops = await server.sql<{ id: string; operation: string; ver: number; status: string }>(
      `SELECT record_id AS id, operation, batch_version AS ver, status FROM sync_operations WHERE client_id = $1 AND record_id LIKE 'kill-%'`,
      [server.clientId],
    );
    const problems: string[] = [];
    for (const record of records) {
      const i = Number(record.id.slice(5));
      const row = serverRows.get(record.id);
      if (!row) problems.push(`${record.id}: no row`);
      else if (row.ver !== record.ver || row.deleted !== (record.op === 'DELETE'))
        problems.push(`${record.id}: server v${row.ver} deleted=${row.deleted}, client v${record.ver} ${record.op}`);
      else if (!row.deleted && JSON.stringify(row.data) !== record.data) problems.push(`${record.id}: data differs`);
      const expected = expectedVersions(i);
      for (const op of ops.filter((o) => o.id === record.id)) {
        if (expected[op.operation] !== op.ver) problems.push(`${record.id}: ${op.operation} sent as v${op.ver}`);
      }
      for (const [operation, ver] of Object.entries(expected)) {
        if (
          !ops.some((o) => o.id === record.id && o.operation === operation && o.ver === ver && o.status === 'COMPLETED')
        )
          problems.push(`${record.id}: no COMPLETED ${operation} v${ver}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(await missingHistory(server, 'venta', 'kill-')).toEqual([]);
  }, 180_000);
});
