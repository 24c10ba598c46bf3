import { LockKey } from '@app/database';
import { SyncAlertsCron, SyncCleanupCron } from '@app/sync-failures';
import { Client } from 'pg';
import { insertFailure, MINUTE, SyncApp, useSyncApp } from './sync-test-kit';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Stats, alerts and clean-up against rows made for the purpose, "now" from the ManualClock. */
describe('Sync failures monitoring', () => {
  let app: SyncApp;
  let now: Date;
  const ago = (ms: number) => new Date(now.getTime() - ms);

  useSyncApp((suite) => {
    app = suite.app;
    now = app.clock.now();
  });

  /** Runs `work` while another session holds the advisory lock `key`, as a second instance would. */
  async function whileLocked<T>(key: LockKey, work: () => Promise<T>): Promise<T> {
    const other = new Client({ connectionString: app.t.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [key]);
      return await work();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  }

  it('GET /sync-failures/stats: the last 24 hours per entity type and action', async () => {
    await insertFailure(app.t, { createdAt: ago(HOUR), retryCount: 0 });
    await insertFailure(app.t, { createdAt: ago(2 * HOUR), retryCount: 3 });
    await insertFailure(app.t, { createdAt: ago(23 * HOUR), retryCount: 2 });
    await insertFailure(app.t, { createdAt: ago(3 * HOUR), retryCount: 1, action: 'DELETE' });
    await insertFailure(app.t, {
      createdAt: ago(HOUR),
      retryCount: 1,
      entityType: 'RETURN',
      tableName: 'devolucion',
      action: 'UPDATE',
    });
    await insertFailure(app.t, { createdAt: ago(25 * HOUR), retryCount: 3 }); // outside the window

    const { body } = await app.t.as('admin').get('/sync-failures/stats').expect(200);
    expect(body).toEqual({
      since: ago(DAY).toISOString(),
      stats: [
        { entity_type: 'SALE', action: 'CREATE', total_failures: 3, avg_retries: 1.67, max_retries: 3 },
        { entity_type: 'RETURN', action: 'UPDATE', total_failures: 1, avg_retries: 1, max_retries: 1 },
        { entity_type: 'SALE', action: 'DELETE', total_failures: 1, avg_retries: 1, max_retries: 1 },
      ],
    });
  });

  it('GET /sync-failures/alerts: nothing fires at or below the thresholds', async () => {
    for (let i = 0; i < 10; i++) await insertFailure(app.t, { createdAt: ago(30 * MINUTE), retryCount: 2 });
    await insertFailure(app.t, { createdAt: ago(2 * HOUR), recordId: 'x', retryCount: 2 }); // 1 + 2 = 3 failures

    const { body } = await app.t.as('admin').get('/sync-failures/alerts').expect(200);
    expect(body).toMatchObject({
      firing: false,
      checked_at: now.toISOString(),
      failures_last_hour: { value: 10, threshold: 10, firing: false },
      entity_failures: { value: 3, threshold: 3, firing: false, entities: [] },
      average_retries: { value: 2, threshold: 2, firing: false },
    });
    expect(await app.t.get<SyncAlertsCron>(SyncAlertsCron).check()).toEqual([]);
  });

  it('GET /sync-failures/alerts: each rule fires above its threshold, with its numbers', async () => {
    for (let i = 0; i < 11; i++)
      await insertFailure(app.t, { createdAt: ago(2 * HOUR), lastRetryAt: ago(10 * MINUTE), retryCount: 2 });
    await insertFailure(app.t, { createdAt: ago(3 * HOUR), recordId: 'hot', retryCount: 3, nextRetryAt: null });
    await insertFailure(app.t, { createdAt: ago(3 * HOUR), recordId: 'hot', retryCount: 0, action: 'UPDATE' });

    const { body } = await app.t.as('admin').get('/sync-failures/alerts').expect(200);
    expect(body).toMatchObject({
      firing: true,
      failures_last_hour: { value: 11, firing: true },
      entity_failures: {
        value: 5,
        firing: true,
        entities: [{ entity_type: 'SALE', entity_id: 'MTY_001:hot', failures: 5 }],
      },
      average_retries: { value: 1.92, firing: false },
    });
    for (let i = 0; i < 3; i++)
      await insertFailure(app.t, { createdAt: ago(4 * HOUR), retryCount: 3, nextRetryAt: null });
    // (11 × 2 + 3 + 0 + 3 × 3) / 16 = 2.13
    expect((await app.t.as('admin').get('/sync-failures/alerts').expect(200)).body.average_retries).toMatchObject({
      value: 2.13,
      firing: true,
    });

    const warnings = await app.t.get<SyncAlertsCron>(SyncAlertsCron).check();
    expect(warnings).toEqual([
      expect.stringContaining('11 failed deliveries in the last hour (threshold 10)'),
      expect.stringContaining('SALE MTY_001:hot (5)'),
      expect.stringContaining('average retry count 2.13'),
    ]);
    expect(
      await whileLocked(LockKey.SyncFailureAlerts, () => app.t.get<SyncAlertsCron>(SyncAlertsCron).check()),
    ).toBeUndefined();
  });

  it('clean-up deletes exhausted rows past SYNC_CLEANUP_EXHAUSTED_AGE and every row past SYNC_CLEANUP_MAX_AGE', async () => {
    const exhaustedOld = await insertFailure(app.t, { createdAt: ago(8 * DAY), retryCount: 6, nextRetryAt: null });
    const exhaustedYoung = await insertFailure(app.t, { createdAt: ago(6 * DAY), retryCount: 6, nextRetryAt: null });
    const atLimitOld = await insertFailure(app.t, { createdAt: ago(8 * DAY), retryCount: 5, nextRetryAt: null });
    const expired = await insertFailure(app.t, { createdAt: ago(31 * DAY), retryCount: 0 });
    const young = await insertFailure(app.t, { createdAt: ago(29 * DAY), retryCount: 1 });
    const cron = app.t.get<SyncCleanupCron>(SyncCleanupCron);

    expect(await whileLocked(LockKey.SyncFailureCleanup, () => cron.cleanup())).toBeUndefined();
    expect(await app.failures()).toHaveLength(5);

    expect(await cron.cleanup()).toEqual({ exhausted: 1, expired: 1 });
    const left = (await app.failures()).map((r) => r.id).sort();
    expect(left).toEqual([exhaustedYoung.id, atLimitOld.id, young.id].sort());
    expect(left).not.toContain(exhaustedOld.id);
    expect(left).not.toContain(expired.id);
  });
});
