import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './built-app';

export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();

/**
 * Starts a built entry point (`node dist/...`) with only the given environment plus PATH: the
 * jest environment (NODE_ENV=test and the test database variables) must not leak into it.
 */
export function startApp(main: string, env: Record<string, string>, cwd: string): AppProcess {
  const child = spawn(process.execPath, [join(ROOT, main)], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, port: Number(env.PORT), output: () => output, exited };
}

/** Kills every process startApp started that is still running (afterAll, whatever happened). */
export async function killStartedApps(): Promise<void> {
  const running = [...started].filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => new Promise((done) => (child.once('exit', done), child.kill('SIGKILL')))));
  started.clear();
}

/** Resolves once GET /health answers 200; fails if the process exits first or never gets there. */
export async function waitForHealth(app: AppProcess, withinMs = 90_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) {
      throw new Error(
        `The app exited (${app.child.exitCode ?? app.child.signalCode}) before /health answered:\n${app.output()}`,
      );
    }
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/health`, { signal: AbortSignal.timeout(3_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`/health did not answer 200 within ${withinMs}ms (last: ${last}):\n${app.output()}`);
}

/** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Live processes whose command line mentions `text` (a PostgreSQL data directory, say). */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(text) && isRunning(pid);
      } catch {
        return false;
      }
    });
}

/** The postmaster's pid from a data directory's postmaster.pid, if the file is there. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}
