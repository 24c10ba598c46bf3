import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../setup/free-port';

export interface StartupDefaults {
  /** Prefix of the temporary working directories. */
  prefix: string;
  logLevel: string;
  /** API_KEYS and ADMIN_TOKEN. */
  credentials: Record<string, string>;
}

/**
 * What the start-up tests give each built app they start: a working directory of its own and a
 * production environment on a free port. The caller removes `tempDirs` after its tests.
 */
export class StartupFixture {
  readonly tempDirs: string[] = [];

  constructor(private readonly defaults: StartupDefaults) {}

  /** A working directory of its own, so no .env or .data/ of the checkout is picked up. */
  tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), this.defaults.prefix));
    chmodSync(dir, 0o755); // tests may run as root; the embedded PostgreSQL then runs as `postgres`
    this.tempDirs.push(dir);
    return dir;
  }

  /** The environment of a production start on a free port, jobs off, plus `extra`. */
  async env(extra: Record<string, string>): Promise<Record<string, string>> {
    return {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: this.defaults.logLevel,
      RUN_JOBS: 'false',
      ...this.defaults.credentials,
      ...extra,
    };
  }
}
