import { Client } from 'pg';
import { isDatabaseUnavailable } from './database-errors';

/** Start-up could not reach the database in time, or was refused for good: one clear message, no stack. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface WaitOptions {
  /** Give up after this long (DATABASE_STARTUP_TIMEOUT). */
  timeoutMs: number;
  log: (message: string) => void;
  /** First delay between attempts; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Connects once to `url`, retrying with exponential backoff while the failure is one a starting
 * database gives, for up to `timeoutMs`. Logs one line when it starts waiting. Throws a
 * DatabaseUnavailableError naming host and port (never the password) when it gives up, or at once
 * when the database refuses (wrong password, no such database).
 */
export async function waitForDatabase(url: string, options: WaitOptions): Promise<void> {
  const where = describeTarget(url);
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const failure = await tryConnect(url);
    if (failure === undefined) {
      if (attempt > 1) options.log(`Database at ${where} reachable after ${attempt} attempts`);
      return;
    }
    if (!failure.transient) {
      throw new DatabaseUnavailableError(
        `The database at ${where} refused the connection: ${failure.message}. Check DATABASE_URL.`,
      );
    }
    const waitMs = Math.min(delay, deadline - Date.now());
    if (waitMs <= 0) {
      const seconds = Math.round(options.timeoutMs / 1000);
      throw new DatabaseUnavailableError(
        `Could not reach the database at ${where} within ${seconds}s (${failure.message}). Check DATABASE_URL and that PostgreSQL is running; DATABASE_STARTUP_TIMEOUT sets how long to wait.`,
      );
    }
    if (attempt === 1)
      options.log(
        `Database at ${where} not reachable yet (${failure.message}); retrying with backoff for up to ${Math.round(options.timeoutMs / 1000)}s`,
      );
    await new Promise((wake) => setTimeout(wake, waitMs));
    delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
  }
}

/**
 * Worth waiting for: what isDatabaseUnavailable calls unavailable (nothing listening yet, a name
 * not resolvable yet, a server starting up, too many connections) or a connection timeout.
 * Anything else (a wrong password, no such database) is a refusal.
 */
async function tryConnect(url: string): Promise<{ transient: boolean; message: string } | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined); // a connection dropped while we close it must not crash start-up
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const text = message ?? String(error);
    const transient = isDatabaseUnavailable(error) || (code === undefined && /timeout/i.test(text));
    return { transient, message: code && !text.includes(code) ? `${code}: ${text}` : text };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** host:port/database of a URL, without user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
