import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ApiModule } from '../../apps/api/src/api.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { Job, Jobs } from '@app/scheduling';
import { createTestApp, TestApp } from '@app/testing';
import { Client } from 'pg';

// Distinct, far-apart expressions, so that a job registered with another job's schedule (or with
// a default read from process.env at import time) shows.
const SCHEDULES = {
  STALE_OPERATION_CRON: '0 0 1 1 * *',
  SYNC_RETRY_CRON: '0 0 2 1 * *',
  SYNC_ALERT_CRON: '0 0 3 1 * *',
  SYNC_CLEANUP_CRON: '0 0 4 1 * *',
  TOMBSTONE_PURGE_CRON: '0 0 5 1 * *',
  METRICS_REFRESH_CRON: '0 0 6 1 * *',
  OPERATION_LOG_CRON: '0 0 7 1 * *',
};
const EXPECTED = {
  'stale-operations': SCHEDULES.STALE_OPERATION_CRON,
  'sync-retry': SCHEDULES.SYNC_RETRY_CRON,
  'sync-alerts': SCHEDULES.SYNC_ALERT_CRON,
  'sync-cleanup': SCHEDULES.SYNC_CLEANUP_CRON,
  'tombstone-purge': SCHEDULES.TOMBSTONE_PURGE_CRON,
  'metrics-refresh': SCHEDULES.METRICS_REFRESH_CRON,
  'operation-log-partitions': SCHEDULES.OPERATION_LOG_CRON,
  'operation-log-compaction': SCHEDULES.OPERATION_LOG_CRON,
  'operation-log-retention': SCHEDULES.OPERATION_LOG_CRON,
};

function schedules(t: TestApp): Record<string, string> {
  const jobs = t.get<SchedulerRegistry>(SchedulerRegistry).getCronJobs();
  return Object.fromEntries([...jobs].map(([name, job]) => [name, String(job.cronTime.source)]));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe(Jobs.name, () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(apps.splice(0).map((t) => t.close()));
  });
  const start = async (module: typeof ApiModule | typeof WorkerModule, env: Record<string, string>) => {
    const t = await createTestApp({ module: (config) => module.register(config), env });
    apps.push(t);
    return t;
  };

  it.each([
    ['api', ApiModule],
    ['worker', WorkerModule],
  ])('registers every cron of the %s from the validated config, not from process.env', async (_, module) => {
    const t = await start(module, { RUN_JOBS: 'true', ...SCHEDULES });

    expect(schedules(t)).toEqual(EXPECTED);
  });

  it('registers no job with RUN_JOBS=false', async () => {
    const t = await start(ApiModule, { RUN_JOBS: 'false', ...SCHEDULES });

    expect(schedules(t)).toEqual({});
  });

  it('runs a scheduled job on its expression once the app has started', async () => {
    const t = await start(ApiModule, { RUN_JOBS: 'true', ...SCHEDULES });
    let runs = 0;
    t.get<Jobs>(Jobs).schedule({ name: 'every-second', cron: '* * * * * *', run: async () => void runs++ });

    for (let i = 0; i < 100 && runs < 2; i++) await new Promise((wake) => setTimeout(wake, 100));

    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it('logs a failed tick once, with its stack, and keeps the schedule', async () => {
    const t = await start(ApiModule, { RUN_JOBS: 'true', ...SCHEDULES });
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const jobs = t.get<Jobs>(Jobs);
    const job: Job = { name: 'broken', cron: '0 0 5 1 * *', run: () => Promise.reject(new Error('boom in a job')) };
    jobs.schedule(job);

    await expect(jobs.tick(job)).resolves.toBeUndefined();

    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      'Job broken failed: boom in a job',
      expect.stringMatching(/^Error: boom in a job\n\s+at /),
    );
    expect(schedules(t).broken).toBe('0 0 5 1 * *');
  });

  it('never overlaps two ticks of one job in a process', async () => {
    const t = await start(ApiModule, { RUN_JOBS: 'false' });
    const jobs = t.get<Jobs>(Jobs);
    const release = deferred();
    let runs = 0;
    const job: Job = { name: 'slow', cron: '0 0 6 1 * *', run: async () => (runs++, await release.promise) };

    const first = jobs.tick(job);
    const second = jobs.tick(job);
    release.resolve();
    await Promise.all([first, second]);

    expect(runs).toBe(1);
    await jobs.tick(job);
    expect(runs).toBe(2);
  });

  it('runs a locked job only on the instance holding its advisory lock', async () => {
    const t = await start(ApiModule, { RUN_JOBS: 'false' });
    const jobs = t.get<Jobs>(Jobs);
    const LOCK = 7_349_999;
    let runs = 0;
    const job: Job<string> = {
      name: 'locked',
      cron: '0 0 7 1 * *',
      lock: LOCK,
      run: async (tx) => (runs++, tx ? 'with its transaction' : 'without'),
    };
    const other = new Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      expect(await jobs.runOnce(job)).toEqual({ ran: false });
      await other.query('ROLLBACK');
      expect(await jobs.runOnce(job)).toEqual({ ran: true, result: 'with its transaction' });
      expect(runs).toBe(1);
    } finally {
      await other.end();
    }
  });
});
