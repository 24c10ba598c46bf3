import { DatabaseGaugesJob, Metrics } from '@app/metrics';
import { Jobs } from '@app/scheduling';
import { recordId, TEST_ADMIN_TOKEN } from '@app/testing';
import { sample } from '../metrics/metrics-text';
import { useCitusApp } from './citus-kit';
import { call, eventually, loggedErrors, startCitusProcesses } from './citus-processes';

/** Metrics on Citus: /metrics answers and the database gauges refresh (issue 28: the refresh failed). */
describe('Metrics on Citus', () => {
  // An external system nobody answers: the outbox fills, as nothing dispatches (RUN_JOBS=false).
  const kit = useCitusApp({ env: { EXTERNAL_SYNC_URL: 'http://127.0.0.1:9/never-called' } });
  const refresh = () => kit.t.get<Jobs>(Jobs).runOnce(kit.t.get<DatabaseGaugesJob>(DatabaseGaugesJob).job);

  it('refreshes the database gauges from every worker’s shards', async () => {
    const ids = Array.from({ length: 3 }, () => recordId('g'));
    for (const id of ids) await kit.t.as('MTY').post('/items').send({ id }).expect(200);
    await kit.t
      .as('GDL')
      .post('/tables/devolucion/items')
      .send({ id: recordId('g') })
      .expect(200);
    await kit.sql(`DELETE FROM sync_operations WHERE client_id = 'MTY_001' AND record_id = ANY($1)`, [ids.slice(0, 2)]);

    expect(await refresh()).toEqual({ ran: true, result: undefined });
    const text = await kit.t.get<Metrics>(Metrics).text();
    expect(sample(text, 'resync_outbox_depth')).toBe(4);
    expect(sample(text, 'resync_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'resync_missing_operations', { table: 'venta' })).toBe(2);
    expect(sample(text, 'resync_missing_operations', { table: 'devolucion' })).toBe(0);
    expect(sample(text, 'resync_lost_rows', { table: 'venta' })).toBe(0);
    expect(sample(text, 'resync_operations_in_flight', { status: 'QUEUED' })).toBe(0);
    expect(sample(text, 'resync_sync_failures', { state: 'due' })).toBe(0);
  });

  it('GET /metrics answers Prometheus text with the gauges, refreshed by the cron of a running instance without an error logged', async () => {
    // Jobs on (every cron), no external system: nothing is dispatched, so no delivery error is logged.
    const { apps, stop } = await startCitusProcesses(kit.database, 1, { METRICS_REFRESH_CRON: '* * * * * *' });
    try {
      const scrape = () => call(apps[0], TEST_ADMIN_TOKEN, 'GET', '/metrics');
      const refreshedAt = async () =>
        sample((await scrape()).body, 'resync_database_gauges_refreshed_timestamp_seconds');
      const started = Date.now() / 1000;
      expect(await eventually(async () => ((await refreshedAt()) ?? 0) >= started, 20_000)).toBe(true);
      const answer = await scrape();
      expect(answer.status).toBe(200);
      expect(sample(answer.body, 'resync_missing_operations', { table: 'venta' })).toBe(2);
      await new Promise((wait) => setTimeout(wait, 2_500)); // a few more ticks
      expect(loggedErrors(apps[0])).toEqual({ count: 0, first: [] });
    } finally {
      await stop();
    }
  });
});
