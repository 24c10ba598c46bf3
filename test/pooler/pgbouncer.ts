import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from '../setup/free-port';

/** Debian's pgbouncer package installs it here (not on a non-root PATH); PGBOUNCER_PATH overrides. */
export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

const running = new Set<ChildProcess>();
// Whatever happened to the test (a failed beforeAll, a killed worker), no PgBouncer outlives it.
process.on('exit', () => running.forEach((child) => child.kill('SIGINT')));

export interface Pooler {
  /** `serverUrl` with host and port replaced by the pooler's (same user, password and database). */
  url(serverUrl: string): string;
  port: number;
  log(): string;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction mode in front of the PostgreSQL server of `serverUrl`, on a free port,
 * with a small server pool (`serverConnections` per database and user), so that many client
 * connections share few server connections as behind a managed database's pooler. Every database
 * of that server is reachable through it under the same user.
 */
export async function startPgBouncer(serverUrl: string, serverConnections = 4): Promise<Pooler> {
  if (!existsSync(PGBOUNCER))
    throw new Error(`No pgbouncer at ${PGBOUNCER}: apt-get install -y pgbouncer (or set PGBOUNCER_PATH)`);
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const password = decodeURIComponent(server.password);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'resync-pgbouncer-'));
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" "${password.replace(/"/g, '""')}"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port} user=${user} password=${quote(password)}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = plain',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${serverConnections}`,
      'max_client_conn = 1000',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: as root, it runs as the postgres user (the embedded server's too).
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    for (const file of ['', 'pgbouncer.ini', 'userlist.txt']) chownSync(join(dir, file), uid, gid);
    chmodSync(dir, 0o700);
  }
  const child: ChildProcess = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const log = () => {
    const file = join(dir, 'pgbouncer.log');
    return output + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  await listening(port, child, log);
  return {
    port,
    log,
    url: (url) => {
      const pooled = new URL(url);
      pooled.hostname = '127.0.0.1';
      pooled.port = String(port);
      return pooled.toString();
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGINT'); // immediate shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function listening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port} within 10 s:\n${log()}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}
