import { KEYS_CHANNEL } from '@app/credentials';
import { readMigrations } from '@app/database';
import { ASYNC_QUEUE_CHANNEL } from '@app/ingest/async/async-ingest.repository';
import { call, CLIENTS, DIRECT_APPLICATION, eventually, PoolerSetup, startBehindPooler } from './pooler-kit';

const ROUNDS = 8;
const BATCH = 10;

interface Failure {
  what: string;
  status: number;
  body: unknown;
}

/**
 * The hot paths behind Debian's PgBouncer in transaction mode, as docs/scaling.md sets them up:
 * two API instances started together on an empty database (migrations at start-up through
 * DATABASE_DIRECT_URL), DATABASE_PREPARED_STATEMENTS=false, 8 concurrent clients sharing 4 server
 * connections for synchronous ingest (single and batch), status, asynchronous ingest (applied by
 * the instances' workers, woken over LISTEN on the direct connection) and outbox delivery. Every
 * answer must be a success, every operation applied and delivered, every timestamp right.
 */
describe('the hot paths through PgBouncer in transaction mode', () => {
  let setup: PoolerSetup;
  const failures: Failure[] = [];
  const jobs: { key: string; id: string }[] = [];
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    setup = await startBehindPooler(2);
  });
  afterAll(async () => {
    await setup?.close();
  });

  it("applied each migration once at start-up and left the migrator's advisory lock free", async () => {
    const { rows } = await setup.direct.query<{ migration_name: string; finished: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, finished: true })));
    // Prisma's migrate lock (72707369): the crons' transaction-scoped locks come and go meanwhile.
    const locks = await setup.direct.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 72707369 AND objsubid = 1`,
    );
    expect(locks.rows).toEqual([]);
  });

  it("listens (queued work, key changes) on each instance's direct connection, not through the pooler", async () => {
    const { rows } = await setup.direct.query<{ application_name: string; query: string }>(
      `SELECT application_name, query FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN %' ORDER BY query`,
    );
    const listens = [`LISTEN ${ASYNC_QUEUE_CHANNEL}`, `LISTEN ${KEYS_CHANNEL}`]
      .sort()
      .flatMap((query) => setup.apps.map(() => ({ application_name: DIRECT_APPLICATION, query })));
    expect(rows).toEqual(listens);
  });

  it('answers 8 concurrent clients on both instances without one error', async () => {
    const expect2xx = (what: string, answer: { status: number; body: any }, status: number) => {
      if (answer.status !== status) failures.push({ what, ...answer });
      return answer.body;
    };
    await Promise.all(
      CLIENTS.map(async ({ clientId, key }) => {
        for (let round = 0; round < ROUNDS; round++) {
          const app = setup.apps[round % setup.apps.length];
          const single = `${clientId}-s-${round}`;
          expect2xx('single create', await call(app, key, 'POST', '/items', { id: single, total: round }), 200);
          const ids = Array.from({ length: BATCH }, (_, i) => `${clientId}-b-${round}-${i}`);
          const previous = round === 0 ? [] : ids.map((id) => id.replace(`-b-${round}-`, `-b-${round - 1}-`));
          const batch = expect2xx(
            'batch',
            await call(app, key, 'POST', '/tables/venta/batch', {
              operations: [
                ...ids.map((id, i) => ({ operation: 'CREATE', record: { id, n: i } })),
                ...previous.map((id, i) => ({ operation: 'UPDATE', record: { id, ver: 2, n: i + 100 } })),
              ],
            }),
            200,
          );
          const refused = (batch?.results ?? []).filter((r: { status: string }) => r.status === 'ERROR');
          if (refused.length > 0) failures.push({ what: 'batch entries', status: 200, body: refused });
          const status = expect2xx(
            'status',
            await call(app, key, 'POST', '/records', { records: [...ids, single].map((hash_id) => ({ hash_id })) }),
            200,
          );
          const notCompleted = (status?.records ?? []).filter((r: { status: string }) => r.status !== 'COMPLETED');
          if (notCompleted.length > 0) failures.push({ what: 'status answers', status: 200, body: notCompleted });
          const job = `job-${clientId}-${round}`;
          expect2xx(
            'async batch',
            await call(
              app,
              key,
              'POST',
              '/tables/venta/batch',
              {
                operations: Array.from({ length: BATCH }, (_, i) => ({
                  operation: 'CREATE',
                  record: { id: `${clientId}-a-${round}-${i}`, id_cola: job, n: i },
                })),
              },
              { Prefer: 'respond-async' },
            ),
            202,
          );
          jobs.push({ key, id: job });
          expect2xx('single update', await call(app, key, 'PUT', `/items/${single}`, { ver: 2, total: -round }), 200);
        }
      }),
    );
    expect(failures).toEqual([]);
  });

  it("applies every queued operation (the instances' asynchronous workers)", async () => {
    const pending = async () => {
      const answers = await Promise.all(jobs.map((job) => call(setup.apps[0], job.key, 'GET', `/jobs/${job.id}`)));
      return answers.filter((a) => a.status !== 200 || a.body.status !== 'COMPLETED' || a.body.completed !== BATCH);
    };
    expect(jobs).toHaveLength(CLIENTS.length * ROUNDS);
    await eventually(async () => (await pending()).length === 0);
    expect(await pending()).toEqual([]);
  });

  it('delivers every operation to the external system once (the outbox)', async () => {
    const expected = CLIENTS.length * ROUNDS * (2 + 3 * BATCH) - CLIENTS.length * BATCH;
    const { rows } = await setup.direct.query<{ count: number }>(`SELECT count(*)::int AS count FROM sync_operations`);
    expect(rows[0].count).toBe(expected);
    await eventually(async () => setup.fake.received.length >= expected);
    expect(setup.fake.received).toHaveLength(expected);
    const outbox = await setup.direct.query(`SELECT count(*)::int AS count FROM sync_outbox`);
    expect(outbox.rows[0].count).toBe(0);
    const errors = await setup.direct.query(`SELECT status, note FROM sync_operations WHERE status <> 'COMPLETED'`);
    expect(errors.rows).toEqual([]);
  });

  it('logged no error on either instance (requests, workers, dispatcher, crons)', () => {
    // pino's error and fatal levels are 50 and 60. Not counted: a cron tick that waited longer than
    // its connection timeout, which happens on a starved machine (load average 20+ on two cores)
    // with or without a pooler; the next tick runs again. Anything else (a pooler symptom such as
    // 42P05, 26000 or a session-scoped effect) fails.
    const starved = /"context":"Jobs".*(connection timeout|Unable to start a transaction in the given time)/;
    const errors = setup.apps
      .flatMap((app) => app.output().split('\n'))
      .filter((line) => /"level":[56]0/.test(line) && !starved.test(line));
    expect(errors).toEqual([]);
  });

  it("reads and writes timestamps in UTC although the database's default zone is not", async () => {
    const [{ key, clientId }] = CLIENTS;
    const history = await call(setup.apps[1], key, 'GET', `/items/${clientId}-s-0/history`);
    expect(history.status).toBe(200);
    for (const operation of history.body.operations) {
      const at = Date.parse(operation.created_at);
      expect(at).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1_000);
    }
  });
});
