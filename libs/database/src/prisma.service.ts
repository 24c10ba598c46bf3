import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { ClientConfig, Pool, QueryResult } from 'pg';
import { APP_CONFIG, AppConfig, directDatabaseUrl } from '@app/common';
import { isRetryable, sqlState } from './database-errors';
import { SessionClient } from './session-client';
import { Prisma, PrismaClient } from './generated/prisma/client';

export type Tx = Prisma.TransactionClient;

/**
 * A node-pg client inside a transaction the caller opened on `PrismaService.pool` (see
 * `pgTransaction`): for batch work where Prisma's per-query overhead showed in profiles.
 */
export interface PgTx {
  query<R = Record<string, unknown>>(statement: string | Prepared, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * A statement each connection parses and plans once, then executes by name (a node-pg named
 * statement): for the hot statements whose planning cost more than their execution. The ingest
 * statement planned in 0.5-1.6 ms and ran in 0.2 ms for one record; prepared, eight connections'
 * single-record ingest went from about 1,400 to 5,000 statements/s (bench notes in the README).
 * `name` must be unique per text. With DATABASE_PREPARED_STATEMENTS=false (behind a
 * transaction-mode pooler, where a connection's named statements are not the client's) the name is
 * dropped and the statement is parsed and planned on every call (docs/scaling.md).
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}

/**
 * node-pg's query config for a statement: a fresh object each call (node-pg writes `values` into
 * it); named only when `prepared` (DATABASE_PREPARED_STATEMENTS).
 */
export function queryConfig(statement: string | Prepared, values: unknown[] | undefined, prepared: boolean) {
  return typeof statement === 'string' || !prepared
    ? { text: typeof statement === 'string' ? statement : statement.text, values }
    : { name: statement.name, text: statement.text, values };
}

/** Whether `tx` is a node-pg transaction client rather than Prisma's. */
export function isPgTx(tx: Tx | PgTx): tx is PgTx {
  return typeof (tx as PgTx).query === 'function' && !('$queryRawUnsafe' in tx);
}

const MAX_ATTEMPTS = 4;

/**
 * The one Prisma client of the app (driver adapter over node-pg, no engine binary), and the one
 * place transactions and advisory locks are taken.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly logger = new Logger(PrismaService.name);

  /**
   * The node-pg pool under Prisma's driver adapter, shared with the few hot set-based statements
   * that run on it directly (see `sql`): one pool, one set of connections.
   */
  readonly pool: Pool;

  /**
   * Where work that needs a session of its own connects (LISTEN): DATABASE_DIRECT_URL, else
   * DATABASE_URL. Behind a transaction-mode pooler a session is not one client's.
   */
  readonly directConnection: ClientConfig;

  /** Whether hot statements run as named prepared statements (DATABASE_PREPARED_STATEMENTS). */
  private readonly prepared: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.databaseUrl)
      throw new Error('DATABASE_URL is not set (main.ts starts an embedded PostgreSQL when it is missing)');
    // Sessions in UTC (SessionClient), sent so that a transaction-mode pooler keeps it. Prisma's
    // adapter names no statement of its own (no statementNameGenerator given).
    const pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.databasePoolSize,
      connectionTimeoutMillis: 5_000,
      Client: SessionClient,
    });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
    this.prepared = config.databasePreparedStatements;
    this.directConnection = { connectionString: directDatabaseUrl(config), connectionTimeoutMillis: 5_000 };
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', (error) => this.logger.warn(`Idle database connection lost: ${error.message}`));
    // node-pg's pool listens for a client's 'error' only while the client is idle. One the server
    // drops while checked out (a query, a transaction, `sql`) emits an 'error' nobody handles, which
    // ends the process. Its query rejects on its own (a 503) and the pool discards it on release.
    pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * One statement straight on the pool, for hot paths where Prisma's per-query work showed in
   * profiles (bench/). Atomic on its own; inside a transaction use the transaction client.
   *
   * A failed statement rejects only once its transaction is over. PostgreSQL reports the error
   * before it rolls the statement back, and node-pg rejects on the report, so the statement's row
   * locks could still be held when the caller acts on the error. A worker that then claimed the
   * same queue entry with SKIP LOCKED would find nothing. The connection's next query runs only
   * after the rollback, so waiting for one on the failure path (a round trip) closes that gap.
   */
  async sql<T>(statement: string | Prepared, values: unknown[]): Promise<T[]> {
    const client = await this.pool.connect();
    let result: QueryResult;
    try {
      result = await client.query(queryConfig(statement, values, this.prepared));
    } catch (error) {
      const broken = await client.query('SELECT 1').then(
        () => undefined,
        (failure: Error) => failure,
      );
      client.release(broken);
      throw error;
    }
    client.release();
    return result.rows as T[];
  }

  /**
   * Runs `work` in one transaction, retrying it from the start on deadlock or serialization
   * failure (both are safe to retry: the transaction was rolled back whole).
   */
  transaction<T>(
    work: (tx: Tx) => Promise<T>,
    options: { isolationLevel?: Prisma.TransactionIsolationLevel; timeoutMs?: number } = {},
  ): Promise<T> {
    return this.retrying(() =>
      this.$transaction(work, {
        isolationLevel: options.isolationLevel,
        timeout: options.timeoutMs ?? 30_000,
        maxWait: 10_000,
      }),
    );
  }

  /**
   * Runs `work` in one transaction on a node-pg client of the shared pool (BEGIN ... COMMIT, ROLLBACK
   * on any error), retried from the start on deadlock or serialization failure like `transaction`.
   * A client whose connection failed is destroyed rather than returned to the pool.
   */
  pgTransaction<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const tx: PgTx = {
          query: async <R>(statement: string | Prepared, values?: unknown[]) =>
            (await client.query(queryConfig(statement, values, this.prepared))) as unknown as { rows: R[] },
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  /** Runs `work` (a transaction, or one statement, atomic on its own) again on deadlock or serialization failure. */
  async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        this.logger.warn(`Transaction conflict (${sqlState(error)}), retrying (attempt ${attempt + 1})`);
        await new Promise((done) => setTimeout(done, 5 * attempt + Math.random() * 20));
      }
    }
  }

  /**
   * Runs `work` only if this instance wins the transaction-scoped advisory lock `key`; other
   * instances skip. For crons that must run once per tick across all instances.
   */
  async withTryLock<T>(key: number, work: (tx: Tx) => Promise<T>): Promise<{ acquired: boolean; result?: T }> {
    return this.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<
          { locked: boolean }[]
        >`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS locked`;
        if (!locked) return { acquired: false };
        return { acquired: true, result: await work(tx) };
      },
      // Waits for a connection as long as `transaction` does: behind a transaction-mode pooler BEGIN
      // also queues for a server connection, and Prisma's default (2 s) failed crons under load.
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
}
