import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directDatabaseUrl, loadAppConfig } from './app-config';
import { persistedDevelopmentCredentials } from './development-credentials';
import { ConfigError } from './env-reader';

const KEYS = { API_KEYS: 'MTY_001:mty-secret-key-0001', ADMIN_TOKEN: 'admin-token-0123456789' };
const PRODUCTION_DATABASE = { DATABASE_URL: 'postgresql://resync:pw@db:5432/resync' };

/** The ConfigError loadAppConfig throws for `env` (fails the test when it does not throw). */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadAppConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

describe(loadAppConfig.name, () => {
  describe('defaults', () => {
    it('gives documented defaults for every optional variable', () => {
      const config = loadAppConfig({ ...KEYS });
      expect(config).toMatchObject({
        nodeEnv: 'development',
        port: 3000,
        host: '0.0.0.0',
        databaseUrl: undefined,
        databaseDirectUrl: undefined,
        databasePreparedStatements: true,
        databaseEngine: 'postgres',
        databasePoolSize: 10,
        embeddedDatabaseDir: '.data/postgres',
        embeddedDatabasePort: 54329,
        logLevel: 'info',
        bodyLimitBytes: 5 * 1024 * 1024,
        defaultTable: 'venta',
        runJobs: true,
        staleOperationTimeoutMs: 5 * 60_000,
        staleOperationCron: '30 * * * * *',
        externalSyncUrl: undefined,
        externalSyncTimeoutMs: 10_000,
        externalSyncBatchSize: 1,
        syncRetryBackoffMs: [5 * 60_000, 15 * 60_000, 30 * 60_000],
        syncRetryJitter: 0.1,
        syncCleanupMaxAgeMs: 30 * 86_400_000,
        generatedCredentials: false,
        developmentCredentialsFile: '.data/dev-credentials.json',
        databaseStartupTimeoutMs: 60_000,
        operationLogPartition: '1 mon',
        operationLogPartitionsAhead: 2,
        operationLogFillfactor: 50,
        operationLogCron: '0 */10 * * * *',
        operationLogRetentionMs: undefined,
        operationLogRequireArchive: false,
        operationLogCompact: true,
      });
    });

    it('is silent by default under NODE_ENV=test', () => {
      expect(loadAppConfig({ ...KEYS, NODE_ENV: 'test' }).logLevel).toBe('silent');
    });

    it('reads and trims given values', () => {
      const config = loadAppConfig({
        ...KEYS,
        PORT: ' 8080 ',
        RUN_JOBS: 'off',
        SYNC_RETRY_BACKOFF: '1s,2m',
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
      });
      expect(config).toMatchObject({
        port: 8080,
        runJobs: false,
        syncRetryBackoffMs: [1000, 120_000],
        databaseUrl: 'postgresql://u:p@db:5432/x',
      });
    });

    it('treats blank variables as unset', () => {
      expect(loadAppConfig({ ...KEYS, PORT: '   ', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
    });
  });

  describe('bad values', () => {
    it('names every bad variable in one ConfigError', () => {
      const bad = {
        NODE_ENV: 'staging',
        PORT: 'abc',
        DATABASE_URL: 'mysql://db/x',
        DATABASE_POOL_SIZE: '0',
        EMBEDDED_DB_PORT: '70000',
        LOG_LEVEL: 'loud',
        BODY_LIMIT_BYTES: '10',
        RUN_JOBS: 'maybe',
        STALE_OPERATION_TIMEOUT: 'soon',
        STALE_OPERATION_CRON: 'every minute',
        EXTERNAL_SYNC_URL: 'ftp://sync',
        SYNC_RETRY_BACKOFF: '5m,later',
        SYNC_RETRY_JITTER: '2',
        SYNC_RETRY_CONCURRENCY: '1.5',
        ASYNC_BATCH_SIZE: '0',
        ASYNC_POLL_INTERVAL: 'often',
        ASYNC_WORKER_CONCURRENCY: '100',
        ASYNC_MAX_QUEUE_DEPTH: '-1',
        ASYNC_RETRY_AFTER: '10ms',
      };
      const error = configError({ ...KEYS, ...bad });
      expect(error.problems).toHaveLength(Object.keys(bad).length);
      for (const name of Object.keys(bad)) expect(error.message).toMatch(new RegExp(`^  - ${name} `, 'm'));
    });

    it('requires MISSING_OPERATIONS_CRITICAL to be at least MISSING_OPERATIONS_WARNING', () => {
      const error = configError({ ...KEYS, MISSING_OPERATIONS_WARNING: '50', MISSING_OPERATIONS_CRITICAL: '20' });
      expect(error.problems).toEqual(['MISSING_OPERATIONS_CRITICAL must not be below MISSING_OPERATIONS_WARNING']);
    });

    it('reads DATABASE_ENGINE, postgres or citus only; compaction is off on Citus and cannot be turned on', () => {
      expect(loadAppConfig({ ...KEYS, DATABASE_ENGINE: 'citus' })).toMatchObject({
        databaseEngine: 'citus',
        operationLogCompact: false,
      });
      expect(configError({ ...KEYS, DATABASE_ENGINE: 'mysql' }).problems).toEqual([
        'DATABASE_ENGINE must be one of postgres, citus, got "mysql"',
      ]);
      expect(configError({ ...KEYS, DATABASE_ENGINE: 'citus', OPERATION_LOG_COMPACT: 'true' }).problems).toEqual([
        'OPERATION_LOG_COMPACT is not supported with DATABASE_ENGINE=citus (docs/scaling.md)',
      ]);
    });

    it('requires DATABASE_URL with DATABASE_DIRECT_URL, and reads both for a pooler', () => {
      const direct = 'postgresql://u:p@db:5432/x';
      expect(configError({ ...KEYS, DATABASE_DIRECT_URL: direct }).problems).toEqual([
        'DATABASE_DIRECT_URL needs DATABASE_URL (the pooled connection) as well',
      ]);
      const config = loadAppConfig({
        ...KEYS,
        DATABASE_URL: 'postgresql://u:p@pooler:6432/x',
        DATABASE_DIRECT_URL: direct,
        DATABASE_PREPARED_STATEMENTS: 'false',
      });
      expect(config).toMatchObject({ databaseDirectUrl: direct, databasePreparedStatements: false });
      expect(directDatabaseUrl(config)).toBe(direct);
      expect(directDatabaseUrl(loadAppConfig({ ...KEYS, DATABASE_URL: direct }))).toBe(direct);
    });

    it("reads the operation log settings, and refuses a retention shorter than the tombstones' or a bad period", () => {
      expect(
        loadAppConfig({ ...KEYS, OPERATION_LOG_PARTITION: '7 days', OPERATION_LOG_RETENTION: '400d' }),
      ).toMatchObject({ operationLogPartition: '7 day', operationLogRetentionMs: 400 * 86_400_000 });
      expect(loadAppConfig({ ...KEYS, OPERATION_LOG_RETENTION: 'off' }).operationLogRetentionMs).toBeUndefined();
      expect(configError({ ...KEYS, OPERATION_LOG_RETENTION: '30d' }).problems).toEqual([
        'OPERATION_LOG_RETENTION must not be shorter than TOMBSTONE_RETENTION',
      ]);
      expect(configError({ ...KEYS, OPERATION_LOG_PARTITION: '1 year' }).problems).toEqual([
        'OPERATION_LOG_PARTITION must be such as 1 month or 7 days, got "1 year"',
      ]);
    });

    it('does not echo a database URL, which may hold a password', () => {
      const error = configError({ ...KEYS, DATABASE_URL: 'mysql://user:hunter2-password@db/x' });
      expect(error.message).toContain('DATABASE_URL');
      expect(error.message).not.toContain('hunter2-password');
    });
  });

  describe('API_KEYS', () => {
    it('parses clientId:key pairs, trimming spaces', () => {
      const config = loadAppConfig({
        ...KEYS,
        API_KEYS: 'MTY_001:key-one-0001, GDL.002 : key-two-0002 ,a-b:k:with:colons',
      });
      expect(config.clientKeys).toEqual([
        { clientId: 'MTY_001', key: 'key-one-0001' },
        { clientId: 'GDL.002', key: 'key-two-0002' },
        { clientId: 'a-b', key: 'k:with:colons' },
      ]);
    });

    it.each([
      ['no separator', 'just-a-long-secret-value'],
      ['an empty client id', ':secret-value-without-id'],
      ['a client id with a space', 'MTY 001:secret-value-with-space'],
      ['a key under 8 characters', 'MTY_001:s3cr'],
    ])('rejects an entry with %s without echoing it', (_, entry) => {
      const error = configError({ ...KEYS, API_KEYS: `GDL_002:fine-key-0002,${entry}` });
      expect(error.problems).toEqual([expect.stringMatching(/^API_KEYS entry 2 must be clientId:key/)]);
      const secret = entry.slice(entry.indexOf(':') + 1);
      expect(error.message).not.toContain(secret);
    });

    it('rejects a key reused by another client without echoing it', () => {
      const error = configError({ ...KEYS, API_KEYS: 'A:shared-secret-1234,B:shared-secret-1234' });
      expect(error.problems).toEqual(["API_KEYS entry 2 reuses another client's key"]);
      expect(error.message).not.toContain('shared-secret-1234');
    });
  });

  describe('credentials', () => {
    it('requires ADMIN_TOKEN in production', () => {
      const error = configError({ NODE_ENV: 'production', ...PRODUCTION_DATABASE });
      expect(error.problems).toEqual(['ADMIN_TOKEN is required in production']);
      expect(configError({ NODE_ENV: 'production', ...PRODUCTION_DATABASE, API_KEYS: KEYS.API_KEYS }).problems).toEqual(
        ['ADMIN_TOKEN is required in production'],
      );
    });

    it('starts in production without API_KEYS: clients then use keys issued into the database', () => {
      const config = loadAppConfig({ NODE_ENV: 'production', ...PRODUCTION_DATABASE, ADMIN_TOKEN: KEYS.ADMIN_TOKEN });
      expect(config.clientKeys).toEqual([]);
      expect(config.generatedCredentials).toBe(false);
    });

    it('reads the database keys, failure brake and token settings, tokens off by default', () => {
      expect(loadAppConfig({ ...KEYS })).toMatchObject({
        clientKeyCacheTtlMs: 5000,
        clientKeyLastUsedFlushMs: 30_000,
        clientKeyRotateGraceMs: 24 * 3_600_000,
        authFailureLimit: 30,
        authFailureWindowMs: 60_000,
        jwt: undefined,
      });
      const secret = 'x'.repeat(32);
      expect(loadAppConfig({ ...KEYS, AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'resync' }).jwt).toEqual({
        secret,
        jwksUrl: undefined,
        audience: 'resync',
        issuer: undefined,
        clientClaim: 'client_id',
        deviceClaim: 'device_id',
      });
    });

    it('refuses a token setup that cannot be checked, without echoing the secret', () => {
      const error = configError({ ...KEYS, AUTH_JWT_SECRET: 'short-secret', AUTH_JWT_JWKS_URL: 'https://idp/jwks' });
      expect(error.problems).toEqual([
        'AUTH_JWT_SECRET and AUTH_JWT_JWKS_URL cannot both be set: choose one',
        'AUTH_JWT_SECRET must be at least 32 characters (HS256 wants 256 bits)',
        'AUTH_JWT_AUDIENCE is required when tokens are accepted',
      ]);
      expect(error.message).not.toContain('short-secret');
    });

    it('refuses production without DATABASE_URL instead of starting an embedded database', () => {
      expect(configError({ NODE_ENV: 'production', ...KEYS }).problems).toEqual([
        'DATABASE_URL is required in production (the embedded PostgreSQL is for development only)',
      ]);
    });

    it('reports a bad DATABASE_URL in production once, as a bad URL', () => {
      expect(configError({ NODE_ENV: 'production', ...KEYS, DATABASE_URL: 'mysql://db/x' }).problems).toEqual([
        'DATABASE_URL must be a postgres or postgresql URL',
      ]);
    });

    it('accepts production with both set, and generates nothing', () => {
      const config = loadAppConfig({ NODE_ENV: 'production', ...PRODUCTION_DATABASE, ...KEYS });
      expect(config).toMatchObject({
        generatedCredentials: false,
        adminToken: KEYS.ADMIN_TOKEN,
        clientKeys: [{ clientId: 'MTY_001', key: 'mty-secret-key-0001' }],
      });
    });

    it('rejects an ADMIN_TOKEN under 16 characters without echoing it', () => {
      const error = configError({ API_KEYS: KEYS.API_KEYS, ADMIN_TOKEN: 'tiny-token-9' });
      expect(error.problems).toEqual(['ADMIN_TOKEN must be at least 16 characters']);
      expect(error.message).not.toContain('tiny-token-9');
    });

    it('makes up a client key and an admin token for a local start without either', () => {
      const first = loadAppConfig({});
      const second = loadAppConfig({ NODE_ENV: 'test' });
      expect(first.generatedCredentials).toBe(true);
      expect(first.clientKeys).toEqual([
        { clientId: 'DEV_001', key: expect.stringMatching(/^dev_[A-Za-z0-9_-]{24}$/) },
      ]);
      expect(first.adminToken).toMatch(/^admin_[A-Za-z0-9_-]{24}$/);
      expect(second.clientKeys[0].key).not.toBe(first.clientKeys[0].key);
      expect(second.adminToken).not.toBe(first.adminToken);
    });

    describe('kept in DEV_CREDENTIALS_FILE', () => {
      let dir: string;
      beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'resync-dev-credentials-'))));
      afterEach(() => rmSync(dir, { recursive: true, force: true }));
      const load = (env: Record<string, string>) =>
        loadAppConfig(
          { DEV_CREDENTIALS_FILE: join(dir, 'data', 'dev.json'), ...env },
          { developmentCredentials: persistedDevelopmentCredentials },
        );

      it('makes them up once, readable by the owner only, and reuses them on every later start', () => {
        const first = load({});
        const second = load({});
        expect(second.clientKeys).toEqual(first.clientKeys);
        expect(second.adminToken).toBe(first.adminToken);
        expect(first.clientKeys[0].key).toMatch(/^dev_/);
        expect(statSync(join(dir, 'data', 'dev.json')).mode & 0o777).toBe(0o600);
        expect(JSON.parse(readFileSync(join(dir, 'data', 'dev.json'), 'utf8'))).toEqual({
          clientId: 'DEV_001',
          clientKey: first.clientKeys[0].key,
          adminToken: first.adminToken,
        });
      });

      it('replaces a damaged file', () => {
        load({});
        writeFileSync(join(dir, 'data', 'dev.json'), '{"clientKey": 1');
        const config = load({});
        expect(config.adminToken).toMatch(/^admin_/);
        expect(load({}).adminToken).toBe(config.adminToken);
      });

      it('neither reads nor writes the file when both are set', () => {
        load(KEYS);
        expect(() => statSync(join(dir, 'data', 'dev.json'))).toThrow();
      });
    });

    it('keeps the given half when only one of them is set', () => {
      const config = loadAppConfig({ API_KEYS: KEYS.API_KEYS });
      expect(config.clientKeys).toEqual([{ clientId: 'MTY_001', key: 'mty-secret-key-0001' }]);
      expect(config.adminToken).toMatch(/^admin_/);
      expect(config.generatedCredentials).toBe(true);
    });
  });

  describe('metrics', () => {
    it('are on, on the API port, refreshed every 30 seconds by default', () => {
      expect(loadAppConfig({ ...KEYS })).toMatchObject({
        metricsEnabled: true,
        metricsPort: undefined,
        metricsToken: undefined,
        metricsRefreshCron: '*/30 * * * * *',
      });
    });

    it('rejects a short METRICS_TOKEN without echoing it, a bad METRICS_PORT, and METRICS_PORT equal to PORT', () => {
      expect(configError({ ...KEYS, METRICS_TOKEN: 'short-metrics', METRICS_PORT: 'x' }).problems).toEqual([
        expect.stringMatching(/^METRICS_PORT must be an integer/),
        'METRICS_TOKEN must be at least 16 characters',
      ]);
      expect(configError({ ...KEYS, METRICS_PORT: '3000' }).problems).toEqual(['METRICS_PORT must differ from PORT']);
    });
  });

  describe('DEFAULT_TABLE', () => {
    it('accepts a registered table', () => {
      expect(loadAppConfig({ ...KEYS, DEFAULT_TABLE: 'devolucion' }).defaultTable).toBe('devolucion');
    });

    it('rejects any other name, listing the registered ones', () => {
      const error = configError({ ...KEYS, DEFAULT_TABLE: 'users' });
      expect(error.problems).toEqual(['DEFAULT_TABLE must be one of venta, devolucion, stock, got "users"']);
    });

    it('rejects a shared table (read-only for stores)', () => {
      const error = configError({ ...KEYS, DEFAULT_TABLE: 'producto' });
      expect(error.problems).toEqual(['DEFAULT_TABLE must be one of venta, devolucion, stock, got "producto"']);
    });
  });
});
