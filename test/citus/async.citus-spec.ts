import { recordId, TestDatabase } from '@app/testing';
import { AppProcess } from '../foundation/app-process';
import { connect, createCitusDatabase } from './citus-kit';
import { call, CLIENTS, eventually, loggedErrors, startCitusProcesses } from './citus-processes';

const BATCHES = 4;
const SIZE = 50;

/**
 * Asynchronous ingest on Citus with two instances whose workers are on (issue 28: the claim across
 * all clients failed on every poll, so jobs stayed PROCESSING forever).
 */
describe('Asynchronous ingest on Citus, two worker processes', () => {
  let database: TestDatabase;
  let apps: AppProcess[];
  let stop: () => Promise<void>;
  const jobs: { key: string; id: string; size: number }[] = [];

  beforeAll(async () => {
    database = await createCitusDatabase();
    ({ apps, stop } = await startCitusProcesses(database, 2));
  });
  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  it('accepts the batches of three stores on both instances (202)', async () => {
    const answers = await Promise.all(
      CLIENTS.map(async ({ clientId, key }) => {
        const statuses: number[] = [];
        const ids: string[] = [];
        for (let n = 0; n < BATCHES; n++) {
          const id = `job-${clientId}-${n}`;
          const batch = Array.from({ length: SIZE }, () => recordId(clientId));
          ids.push(...batch);
          const answer = await call(
            apps[n % apps.length],
            key,
            'POST',
            '/tables/venta/batch',
            { operations: batch.map((record, i) => ({ operation: 'CREATE', record: { id: record, id_cola: id, i } })) },
            { Prefer: 'respond-async' },
          );
          statuses.push(answer.status);
          jobs.push({ key, id, size: SIZE });
        }
        // Updates of the first records, queued behind their creates: applied after them.
        const id = `job-${clientId}-updates`;
        const answer = await call(
          apps[1],
          key,
          'POST',
          '/tables/venta/batch',
          {
            operations: ids
              .slice(0, SIZE)
              .map((record) => ({ operation: 'UPDATE', record: { id: record, id_cola: id, updated: true } })),
          },
          { Prefer: 'respond-async' },
        );
        statuses.push(answer.status);
        jobs.push({ key, id, size: SIZE });
        return statuses;
      }),
    );
    expect(answers.flat()).toEqual(Array(CLIENTS.length * (BATCHES + 1)).fill(202));
  });

  it('completes every job: none stuck QUEUED or PROCESSING, every update after its create', async () => {
    const pending = async () => {
      const answers = await Promise.all(jobs.map((job) => call(apps[0], job.key, 'GET', `/jobs/${job.id}`)));
      return answers
        .map((answer, n) => ({ job: jobs[n].id, status: answer.status, body: answer.body }))
        .filter((a) => a.status !== 200 || a.body.status !== 'COMPLETED' || a.body.completed !== jobs[0].size);
    };
    await eventually(async () => (await pending()).length === 0, 90_000);
    const left = await pending();
    expect({ jobs: left.length, first: left.slice(0, 2) }).toEqual({ jobs: 0, first: [] });

    const db = await connect(database.url);
    try {
      const { rows } = await db.query(
        `SELECT operation::text, status::text, note, count(*)::int AS n FROM sync_operations GROUP BY 1, 2, 3 ORDER BY 1`,
      );
      expect(rows).toEqual([
        { operation: 'CREATE', status: 'COMPLETED', note: null, n: CLIENTS.length * BATCHES * SIZE },
        { operation: 'UPDATE', status: 'COMPLETED', note: null, n: CLIENTS.length * SIZE },
      ]);
      expect((await db.query(`SELECT count(*)::int AS n FROM sync_queue`)).rows).toEqual([{ n: 0 }]);
      expect((await db.query(`SELECT count(*)::int AS n FROM venta WHERE (data->>'updated')::boolean`)).rows).toEqual([
        { n: CLIENTS.length * SIZE },
      ]);
    } finally {
      await db.end();
    }
  });

  it('both instances stay up and log no error (workers, claims, crons)', () => {
    for (const app of apps) expect(app.child.exitCode).toBeNull();
    expect(loggedErrors(...apps)).toEqual({ count: 0, first: [] });
  });
});
