import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../test/setup/free-port';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

const OWNER = join(__dirname, '../../../test/setup/embedded-postgres-owner.js');
const TIMEOUT = 120_000;

/** What the owner process printed once its server was up. */
interface Owned {
  pid: number;
  port: number;
  hooksAtImport: number;
}

describe(startEmbeddedPostgres.name, () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const servers: EmbeddedPostgres[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const server of servers) await server.stop();
    // Last resort for a test that failed half-way: no server may outlive the suite.
    for (const dir of dirs) {
      try {
        process.kill(Number(readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGQUIT');
      } catch {
        // none left
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, TIMEOUT);

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'resync-embedded-'));
    chmodSync(dir, 0o755); // tests may run as root; the server then runs as `postgres`
    dirs.push(dir);
    return join(dir, 'pg');
  }

  async function start(dir: string, log: string[] = []): Promise<EmbeddedPostgres> {
    const server = await startEmbeddedPostgres({
      dataDir: dir,
      port: await freePort(),
      database: 'postgres',
      ephemeral: true,
      log: (m) => log.push(m),
    });
    servers.push(server);
    return server;
  }

  /** Runs the owner script in its own process; resolves with what it printed once the server is up. */
  async function owner(dir: string, mode: 'stay' | 'exit'): Promise<{ child: ChildProcess; owned: Owned }> {
    const child = spawn(process.execPath, [OWNER, dir, String(await freePort()), mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const owned = await new Promise<Owned>((done, fail) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line) done(JSON.parse(line) as Owned);
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', () =>
        setTimeout(() => fail(new Error(`owner exited before its server was up:\n${output}`)), 50),
      );
    });
    return { child, owned };
  }

  const exited = (child: ChildProcess) =>
    new Promise((done) =>
      child.exitCode !== null || child.signalCode !== null ? done(undefined) : child.once('exit', done),
    );

  async function query(url: string): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0].one;
    } finally {
      await client.end();
    }
  }

  /** Gone, or a zombie waiting to be reaped. */
  function running(pid: number): boolean {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }

  const processGroup = (pid: number | 'self') => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  };

  it(
    'runs the server in a process group of its own, so a Ctrl-C in the terminal reaches the app first; stop() leaves none running',
    async () => {
      const server = await start(dataDir());

      expect(await query(server.url)).toBe(1);
      expect(running(server.pid)).toBe(true);
      expect(processGroup(server.pid)).not.toBe(processGroup('self'));

      await server.stop();
      expect(running(server.pid)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'registers no exit hook when imported, and one that stops the server when its app exits without stop()',
    async () => {
      const { child, owned } = await owner(dataDir(), 'exit');
      await exited(child);

      expect(owned.hooksAtImport).toBe(0);
      for (let i = 0; i < 100 && running(owned.pid); i++) await new Promise((done) => setTimeout(done, 100));
      expect(running(owned.pid)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'stops the server left running by an app killed with SIGKILL, then starts its own on the same data',
    async () => {
      const dir = dataDir();
      const { child, owned } = await owner(dir, 'stay');
      child.kill('SIGKILL');
      await exited(child);
      expect(running(owned.pid)).toBe(true); // orphaned: nothing could stop it

      const log: string[] = [];
      const server = await start(dir, log);

      expect(log).toContain(`Stopping a PostgreSQL server left running on ${dir} (pid ${owned.pid})`);
      expect(running(owned.pid)).toBe(false);
      expect(server.pid).not.toBe(owned.pid);
      expect(await query(server.url)).toBe(1);
      await server.stop();
    },
    TIMEOUT,
  );

  it(
    'shares the server of a live app instead of starting a second one, and leaves it running on stop()',
    async () => {
      const dir = dataDir();
      const { child, owned } = await owner(dir, 'stay');

      const shared = await start(dir);

      expect({ pid: shared.pid, port: shared.port }).toEqual({ pid: owned.pid, port: owned.port });
      expect(await query(shared.url)).toBe(1);
      await shared.stop();
      expect(running(owned.pid)).toBe(true);
      expect(await query(shared.url)).toBe(1);

      child.kill('SIGKILL');
      await exited(child);
      await (await start(dir)).stop(); // the orphan is ours to stop now
      expect(running(owned.pid)).toBe(false);
    },
    TIMEOUT,
  );
});
