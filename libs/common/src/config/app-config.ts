import { allSyncedTables, findSyncedTable, isSyncedTableName, SyncedTableName } from '../synced-tables';
import { DevelopmentCredentials, randomDevelopmentCredentials } from './development-credentials';
import { ConfigError, EnvReader } from './env-reader';
import { CredentialsConfig, readCredentialsConfig } from './credentials-config';
import { HttpConfig, readHttpConfig } from './http-config';

export interface ClientKey {
  clientId: string;
  key: string;
}

/** Everything the app reads from its environment, validated once at start-up. */
export interface AppConfig extends HttpConfig, CredentialsConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  /**
   * A direct (session) connection for what needs a session of its own: migrations and their
   * advisory lock, LISTEN (DATABASE_DIRECT_URL, like Prisma's directUrl). Unset: DATABASE_URL.
   */
  databaseDirectUrl?: string;
  /** False behind a transaction-mode pooler: no named prepared statements (DATABASE_PREPARED_STATEMENTS). */
  databasePreparedStatements: boolean;
  /**
   * `citus`: the database is a Citus coordinator distributed by `npm run db:distribute`; claims that
   * span clients go client by client, and statements Citus would split are written its way
   * (DATABASE_ENGINE, docs/scaling.md "How resync runs on Citus").
   */
  databaseEngine: DatabaseEngine;
  databasePoolSize: number;
  embeddedDatabaseDir: string;
  embeddedDatabasePort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** The body limit of WatermelonDB's push (POST /watermelon/sync): Watermelon sends a whole offline backlog at once and never splits it. */
  watermelonBodyLimitBytes: number;
  /** Keys from API_KEYS; keys issued into the database come on top (docs/credentials.md). */
  clientKeys: ClientKey[];
  adminToken: string;
  /** True when the keys above were made up for a local start (printed once at start-up). */
  generatedCredentials: boolean;
  /** Where made-up development credentials are kept (DEV_CREDENTIALS_FILE). */
  developmentCredentialsFile: string;
  /** How long start-up keeps retrying an unreachable database before giving up (DATABASE_STARTUP_TIMEOUT). */
  databaseStartupTimeoutMs: number;
  defaultTable: SyncedTableName;
  runJobs: boolean;
  staleOperationTimeoutMs: number;
  staleOperationCron: string;
  missingOperationsWarning: number;
  missingOperationsCritical: number;
  tombstoneRetentionMs: number;
  tombstonePurgeCron: string;
  tombstonePurgeBatchSize: number;
  /** Keep each operation's payload (the record as received) in the audit trail. */
  auditPayloads: boolean;
  /** The operation log's partitions (docs/operation-log.md): a period each, as a PostgreSQL interval ('1 month'). */
  operationLogPartition: string;
  /** Partitions kept created ahead of the current one. */
  operationLogPartitionsAhead: number;
  /** Fillfactor of new partitions (50 leaves room for the asynchronous path's in-place completion). */
  operationLogFillfactor: number;
  /** When the partitions job runs (creates ahead, starts the next period, retires past the retention). */
  operationLogCron: string;
  /** Partitions whose newest operation is older are archived and dropped; undefined: kept forever. */
  operationLogRetentionMs?: number;
  /** Closed partitions are rewritten packed (fillfactor 100, fresh indexes) once their period is over. */
  operationLogCompact: boolean;
  /** Retention retires only partitions exported first (`npm run archive -- export`). */
  operationLogRequireArchive: boolean;
  /** Where the original store clients' protocol is served (libs/legacy-protocol): `/legacy` by default. */
  legacyPrefix: string;
  /** Batches a client may queue per window through that protocol (0: no limit). */
  legacyRateLimit: number;
  legacyRateWindowMs: number;
  /** Asynchronous ingest (README "Asynchronous ingest"). */
  asyncBatchSize: number;
  asyncPollIntervalMs: number;
  asyncWorkerConcurrency: number;
  /** Whole-batch failures of a queue entry before its operations become ERROR. */
  asyncMaxAttempts: number;
  asyncMaxQueueDepth: number;
  asyncQueueDepthRefreshMs: number;
  asyncRetryAfterSeconds: number;
  externalSyncUrl?: string;
  externalSyncTimeoutMs: number;
  /** Messages per request (EXTERNAL_SYNC_BATCH_SIZE): 1 sends one change per POST, more sends a JSON array (docs/external-sync.md). */
  externalSyncBatchSize: number;
  syncDispatchIntervalMs: number;
  syncDispatchBatchSize: number;
  syncRetryCron: string;
  syncRetryBackoffMs: number[];
  syncRetryJitter: number;
  syncRetryConcurrency: number;
  syncRetryBatchSize: number;
  syncCleanupCron: string;
  syncCleanupMaxAgeMs: number;
  syncCleanupExhaustedAgeMs: number;
  syncCleanupExhaustedRetries: number;
  syncAlertCron: string;
  syncAlertFailuresPerHour: number;
  syncAlertEntityFailures: number;
  syncAlertAvgRetries: number;
  /** Prometheus metrics (METRICS_ENABLED); off: no /metrics and every recording call is a no-op. */
  metricsEnabled: boolean;
  /** Serve /metrics on this port instead of the API's (METRICS_PORT). */
  metricsPort?: number;
  /** Bearer token for /metrics (METRICS_TOKEN); on the API port ADMIN_TOKEN is accepted too. */
  metricsToken?: string;
  /** When the database-derived gauges are refreshed (METRICS_REFRESH_CRON), on one instance per tick. */
  metricsRefreshCron: string;
}

export const DATABASE_ENGINES = ['postgres', 'citus'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const CLIENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const LEGACY_PREFIX = /^(\/[A-Za-z0-9_-]{1,64}){1,4}$/;
/** First path segments of today's API: the original protocol's prefix must not shadow them. */
const RESERVED_PREFIXES = new Set([
  'items',
  'records',
  'tables',
  'monitoring',
  'sync-failures',
  'health',
  'docs',
  'docs-json',
  'jobs',
  'metrics',
]);

export interface LoadOptions {
  /**
   * Where made-up development credentials come from, given DEV_CREDENTIALS_FILE. The default makes
   * new ones on every call (pure, for tests); the app's start-up keeps them in that file.
   */
  developmentCredentials?: (file: string) => DevelopmentCredentials;
}

export function loadAppConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadOptions = {},
): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');

  const defaultTable = read.string('DEFAULT_TABLE', 'venta');
  // A shared table is read-only for stores: the /items routes could write nothing to it.
  const storeTables = allSyncedTables().filter((t) => !t.shared);
  if (!isSyncedTableName(defaultTable) || findSyncedTable(defaultTable)!.shared) {
    read.fail(
      'DEFAULT_TABLE',
      `must be one of ${storeTables.map((t) => t.name).join(', ')}, got "${defaultTable}"`,
      undefined,
    );
  }

  const developmentCredentialsFile = read.string('DEV_CREDENTIALS_FILE', '.data/dev-credentials.json');
  let clientKeys = parseClientKeys(read);
  let adminToken = read.raw('ADMIN_TOKEN') ?? '';
  let generatedCredentials = false;
  if (adminToken && adminToken.length < 16) read.fail('ADMIN_TOKEN', 'must be at least 16 characters', undefined);
  if (clientKeys.length === 0 || !adminToken) {
    if (nodeEnv === 'production') {
      // API_KEYS may be left out in production: clients then use keys issued into the database
      // (or tokens), which an operator issues with the admin token.
      if (!adminToken) read.fail('ADMIN_TOKEN', 'is required in production', undefined);
    } else {
      generatedCredentials = true;
      const made = (options.developmentCredentials ?? randomDevelopmentCredentials)(developmentCredentialsFile);
      if (clientKeys.length === 0) clientKeys = [{ clientId: made.clientId, key: made.clientKey }];
      if (!adminToken) adminToken = made.adminToken;
    }
  }

  const config: AppConfig = {
    nodeEnv,
    port: read.int('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseDirectUrl: read.url('DATABASE_DIRECT_URL', ['postgres:', 'postgresql:']),
    databasePreparedStatements: read.bool('DATABASE_PREPARED_STATEMENTS', true),
    databaseEngine: read.oneOf('DATABASE_ENGINE', DATABASE_ENGINES, 'postgres'),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 500),
    embeddedDatabaseDir: read.string('EMBEDDED_DB_DIR', '.data/postgres'),
    embeddedDatabasePort: read.int('EMBEDDED_DB_PORT', 54329, 1, 65535),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024),
    watermelonBodyLimitBytes: read.int('WATERMELON_BODY_LIMIT_BYTES', 32 * 1024 * 1024, 1024),
    ...readHttpConfig(read),
    ...readCredentialsConfig(read),
    clientKeys,
    adminToken,
    generatedCredentials,
    developmentCredentialsFile,
    databaseStartupTimeoutMs: read.duration('DATABASE_STARTUP_TIMEOUT', '60s', 0),
    defaultTable: (isSyncedTableName(defaultTable) ? defaultTable : 'venta') as SyncedTableName,
    runJobs: read.bool('RUN_JOBS', true),
    staleOperationTimeoutMs: read.duration('STALE_OPERATION_TIMEOUT', '5m', 1000),
    staleOperationCron: read.cron('STALE_OPERATION_CRON', '30 * * * * *'),
    missingOperationsWarning: read.int('MISSING_OPERATIONS_WARNING', 10, 0),
    missingOperationsCritical: read.int('MISSING_OPERATIONS_CRITICAL', 100, 0),
    tombstoneRetentionMs: read.duration('TOMBSTONE_RETENTION', '90d', 1000),
    tombstonePurgeCron: read.cron('TOMBSTONE_PURGE_CRON', '0 30 3 * * *'),
    tombstonePurgeBatchSize: read.int('TOMBSTONE_PURGE_BATCH_SIZE', 5000, 1, 100_000),
    auditPayloads: read.bool('AUDIT_PAYLOADS', true),
    operationLogPartition: readPartitionPeriod(read),
    operationLogPartitionsAhead: read.int('OPERATION_LOG_PARTITIONS_AHEAD', 2, 1, 24),
    operationLogFillfactor: read.int('OPERATION_LOG_FILLFACTOR', 50, 10, 100),
    operationLogCron: read.cron('OPERATION_LOG_CRON', '0 */10 * * * *'),
    operationLogRetentionMs: ['off', undefined].includes(read.raw('OPERATION_LOG_RETENTION')?.toLowerCase())
      ? undefined
      : read.duration('OPERATION_LOG_RETENTION', '400d', 1000),
    // Compaction rewrites a partition through a table made apart: not on Citus (docs/scaling.md).
    operationLogCompact: read.bool('OPERATION_LOG_COMPACT', read.raw('DATABASE_ENGINE') !== 'citus'),
    operationLogRequireArchive: read.bool('OPERATION_LOG_REQUIRE_ARCHIVE', false),
    legacyPrefix: read.string('LEGACY_PREFIX', '/legacy'),
    legacyRateLimit: read.int('LEGACY_RATE_LIMIT', 20, 0, 1_000_000),
    legacyRateWindowMs: read.duration('LEGACY_RATE_WINDOW', '1m', 1000),
    asyncBatchSize: read.int('ASYNC_BATCH_SIZE', 1000, 1, 10_000),
    asyncPollIntervalMs: read.duration('ASYNC_POLL_INTERVAL', '50ms', 1),
    asyncWorkerConcurrency: read.int('ASYNC_WORKER_CONCURRENCY', 1, 1, 64),
    asyncMaxAttempts: read.int('ASYNC_MAX_ATTEMPTS', 5, 1, 100),
    asyncMaxQueueDepth: read.int('ASYNC_MAX_QUEUE_DEPTH', 1_000_000, 1),
    asyncQueueDepthRefreshMs: read.duration('ASYNC_QUEUE_DEPTH_REFRESH', '1s', 0),
    asyncRetryAfterSeconds: Math.ceil(read.duration('ASYNC_RETRY_AFTER', '30s', 1000) / 1000),
    externalSyncUrl: read.url('EXTERNAL_SYNC_URL', ['http:', 'https:']),
    externalSyncTimeoutMs: read.duration('EXTERNAL_SYNC_TIMEOUT', '10s', 1),
    externalSyncBatchSize: read.int('EXTERNAL_SYNC_BATCH_SIZE', 1, 1, 1000),
    syncDispatchIntervalMs: read.duration('SYNC_DISPATCH_INTERVAL', '1s', 10),
    syncDispatchBatchSize: read.int('SYNC_DISPATCH_BATCH_SIZE', 500, 1, 10_000),
    syncRetryCron: read.cron('SYNC_RETRY_CRON', '0 * * * * *'),
    syncRetryBackoffMs: read.durations('SYNC_RETRY_BACKOFF', '5m,15m,30m'),
    syncRetryJitter: read.number('SYNC_RETRY_JITTER', 0.1, 0, 1),
    syncRetryConcurrency: read.int('SYNC_RETRY_CONCURRENCY', 32, 1, 1000),
    syncRetryBatchSize: read.int('SYNC_RETRY_BATCH_SIZE', 500, 1, 10_000),
    syncCleanupCron: read.cron('SYNC_CLEANUP_CRON', '0 0 3 * * *'),
    syncCleanupMaxAgeMs: read.duration('SYNC_CLEANUP_MAX_AGE', '30d', 1000),
    syncCleanupExhaustedAgeMs: read.duration('SYNC_CLEANUP_EXHAUSTED_AGE', '7d', 1000),
    syncCleanupExhaustedRetries: read.int('SYNC_CLEANUP_EXHAUSTED_RETRIES', 5, 0),
    syncAlertCron: read.cron('SYNC_ALERT_CRON', '0 */5 * * * *'),
    syncAlertFailuresPerHour: read.int('SYNC_ALERT_FAILURES_PER_HOUR', 10, 0),
    syncAlertEntityFailures: read.int('SYNC_ALERT_ENTITY_FAILURES', 3, 0),
    syncAlertAvgRetries: read.number('SYNC_ALERT_AVG_RETRIES', 2, 0, 1_000_000),
    metricsEnabled: read.bool('METRICS_ENABLED', true),
    metricsPort: read.raw('METRICS_PORT') === undefined ? undefined : read.int('METRICS_PORT', 0, 1, 65535),
    metricsToken: read.raw('METRICS_TOKEN'),
    metricsRefreshCron: read.cron('METRICS_REFRESH_CRON', '*/30 * * * * *'),
  };
  if (nodeEnv === 'production' && config.databaseUrl === undefined && read.raw('DATABASE_URL') === undefined) {
    read.fail('DATABASE_URL', 'is required in production (the embedded PostgreSQL is for development only)', undefined);
  }
  if (
    config.databaseDirectUrl !== undefined &&
    config.databaseUrl === undefined &&
    read.raw('DATABASE_URL') === undefined
  )
    read.fail('DATABASE_DIRECT_URL', 'needs DATABASE_URL (the pooled connection) as well', undefined);
  if (!LEGACY_PREFIX.test(config.legacyPrefix) || RESERVED_PREFIXES.has(config.legacyPrefix.split('/')[1])) {
    read.fail(
      'LEGACY_PREFIX',
      `must be a path such as /legacy (letters, digits, - and _ in each segment) that is not one of the API's own (${[...RESERVED_PREFIXES].join(', ')})`,
      undefined,
    );
  }
  if (config.databaseEngine === 'citus' && config.operationLogCompact)
    read.fail('OPERATION_LOG_COMPACT', 'is not supported with DATABASE_ENGINE=citus (docs/scaling.md)', undefined);
  if (config.metricsToken !== undefined && config.metricsToken.length < 16)
    read.fail('METRICS_TOKEN', 'must be at least 16 characters', undefined);
  if (config.metricsPort !== undefined && config.metricsPort === config.port)
    read.fail('METRICS_PORT', 'must differ from PORT', undefined);
  if (config.missingOperationsCritical < config.missingOperationsWarning) {
    read.fail('MISSING_OPERATIONS_CRITICAL', 'must not be below MISSING_OPERATIONS_WARNING', undefined);
  }
  if (config.operationLogRetentionMs !== undefined && config.operationLogRetentionMs < config.tombstoneRetentionMs) {
    // A retired DELETE must never be the only thing that stops a late CREATE: its tombstone goes first.
    read.fail('OPERATION_LOG_RETENTION', 'must not be shorter than TOMBSTONE_RETENTION', undefined);
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** Where session work (migrations, LISTEN) connects: DATABASE_DIRECT_URL, else DATABASE_URL. */
export function directDatabaseUrl(config: Pick<AppConfig, 'databaseUrl' | 'databaseDirectUrl'>): string | undefined {
  return config.databaseDirectUrl ?? config.databaseUrl;
}

/** OPERATION_LOG_PARTITION: `N month(s)` or `N day(s)` (default `1 month`), as a PostgreSQL interval. */
function readPartitionPeriod(read: EnvReader): string {
  const text = read.string('OPERATION_LOG_PARTITION', '1 month');
  const match = /^([1-9]\d{0,2}) ?(month|months|day|days|d)$/i.exec(text);
  if (!match) return read.fail('OPERATION_LOG_PARTITION', `must be such as 1 month or 7 days, got "${text}"`, '1 mon');
  return `${match[1]} ${match[2].toLowerCase().startsWith('m') ? 'mon' : 'day'}`;
}

function parseClientKeys(read: EnvReader): ClientKey[] {
  const text = read.raw('API_KEYS');
  if (text === undefined) return [];
  const keys: ClientKey[] = [];
  for (const [index, pair] of text.split(',').entries()) {
    const separator = pair.indexOf(':');
    const clientId = pair.slice(0, separator).trim();
    const key = pair.slice(separator + 1).trim();
    if (separator <= 0 || !CLIENT_ID.test(clientId) || key.length < 8) {
      // Never echo the pair: it holds a secret.
      read.fail(
        'API_KEYS',
        `entry ${index + 1} must be clientId:key with a client id of letters, digits, _ . - and a key of 8 or more characters`,
        undefined,
      );
      continue;
    }
    if (keys.some((k) => k.key === key))
      read.fail('API_KEYS', `entry ${index + 1} reuses another client's key`, undefined);
    keys.push({ clientId, key });
  }
  return keys;
}
