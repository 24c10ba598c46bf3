import { Metrics, MetricsServer } from '@app/metrics';
import { createTestApp, TEST_ADMIN_TOKEN, TEST_CLIENTS, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { freePort } from '../setup/free-port';
import { labelValues, sample } from './metrics-text';

const METRICS_TOKEN = 'metrics-token-0123456789';
const BODY_LIMIT = 64 * 1024;

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await createTestApp({
        module: (config) => ApiModule.register(config),
        env: { METRICS_TOKEN, BODY_LIMIT_BYTES: String(BODY_LIMIT) },
      })),
  );
  afterAll(() => t.close());

  const scrape = async () => {
    const response = await t
      .as('anonymous')
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    return response.text;
  };

  it('needs METRICS_TOKEN or the admin token, and answers Prometheus text', async () => {
    await t.as('anonymous').get('/metrics').expect(401);
    await t.as('MTY').get('/metrics').expect(401);
    const admin = await t.as('admin').get('/metrics').expect(200);
    expect(admin.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(admin.text).toMatch(/^# HELP resync_ingest_operations_total /m);
    expect(admin.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(sample(await scrape(), 'resync_db_pool_max')).toBe(t.config.databasePoolSize);
  });

  it('counts ingested operations by table, operation and outcome, and records per request', async () => {
    const before = await scrape();
    const count = (text: string, operation: string, outcome: string, table = 'venta') =>
      sample(text, 'resync_ingest_operations_total', { table, operation, outcome }) ?? 0;
    const requests = (text: string, table: string) =>
      sample(text, 'resync_ingest_records_per_request_count', { table }) ?? 0;

    await t.as('MTY').post('/items').send({ id: 'm-1', total: 1 }).expect(200);
    await t.as('MTY').post('/items').send({ id: 'm-1', total: 1 }).expect(200);
    await t.as('MTY').put('/items/m-2').send({ ver: 1, total: 2 }).expect(200);
    await t
      .as('MTY')
      .post('/tables/devolucion/batch')
      .send({
        operations: [
          { operation: 'CREATE', record: { id: 'd-1' } },
          { operation: 'CREATE', record: { id: 'd-2' } },
          { operation: 'DELETE', record: { id: 'd-9' } },
        ],
      })
      .expect(200);

    const after = await scrape();
    expect(count(after, 'CREATE', 'created') - count(before, 'CREATE', 'created')).toBe(1);
    expect(count(after, 'CREATE', 'duplicate') - count(before, 'CREATE', 'duplicate')).toBe(1);
    expect(count(after, 'UPDATE', 'created_by_update') - count(before, 'UPDATE', 'created_by_update')).toBe(1);
    expect(count(after, 'CREATE', 'created', 'devolucion') - count(before, 'CREATE', 'created', 'devolucion')).toBe(2);
    expect(
      count(after, 'DELETE', 'already_deleted', 'devolucion') -
        count(before, 'DELETE', 'already_deleted', 'devolucion'),
    ).toBe(1);
    expect(requests(after, 'venta') - requests(before, 'venta')).toBe(3);
    expect(requests(after, 'devolucion') - requests(before, 'devolucion')).toBe(1);
    expect(
      sample(after, 'resync_ingest_records_per_request_sum', { table: 'devolucion' })! -
        (sample(before, 'resync_ingest_records_per_request_sum', { table: 'devolucion' }) ?? 0),
    ).toBe(3);
  });

  it('counts status answers, and missing-history ERRORs on their own', async () => {
    await t.as('MTY').post('/items').send({ id: 's-1' }).expect(200);
    await t.as('MTY').post('/items').send({ id: 's-2' }).expect(200);
    await t.prisma.$executeRaw`DELETE FROM sync_operations WHERE record_id = 's-2'`;
    const before = await scrape();
    const answers = (text: string, status: string) =>
      sample(text, 'resync_status_answers_total', { table: 'venta', status }) ?? 0;
    const missing = (text: string) => sample(text, 'resync_status_missing_history_total', { table: 'venta' }) ?? 0;

    await t
      .as('MTY')
      .post('/records')
      .send({ records: [{ hash_id: 's-1' }, { hash_id: 's-2' }, { hash_id: 'never-sent' }] })
      .expect(200);

    const after = await scrape();
    expect(answers(after, 'COMPLETED') - answers(before, 'COMPLETED')).toBe(1);
    expect(answers(after, 'ERROR') - answers(before, 'ERROR')).toBe(1);
    expect(answers(after, 'NOT_FOUND') - answers(before, 'NOT_FOUND')).toBe(1);
    expect(missing(after) - missing(before)).toBe(1);
  });

  it('times requests by route pattern and status, never by URL', async () => {
    const before = await scrape();
    const timed = (text: string, route: string, status: string, method = 'POST') =>
      sample(text, 'resync_http_request_duration_seconds_count', { method, route, status }) ?? 0;

    await t.as('MTY').post('/tables/venta/items').send({ id: 'r-1' }).expect(200);
    await t.as('MTY').post('/tables/venta/items').send({ id: 'r-2', ver: 'x' }).expect(400);
    await t.as('MTY').get('/items/r-1/history').expect(200);

    const after = await scrape();
    expect(timed(after, '/tables/:table/items', '200') - timed(before, '/tables/:table/items', '200')).toBe(1);
    expect(timed(after, '/tables/:table/items', '400') - timed(before, '/tables/:table/items', '400')).toBe(1);
    expect(timed(after, '/items/:id/history', '200', 'GET') - timed(before, '/items/:id/history', '200', 'GET')).toBe(
      1,
    );
  });

  it('times every answer, also those refused before a handler (401, 404, 413), with one label for unknown paths', async () => {
    const before = await scrape();
    const timed = (text: string, route: string, status: string, method = 'POST') =>
      sample(text, 'resync_http_request_duration_seconds_count', { method, route, status }) ?? 0;
    const unknown = [`/no-such-route-${Date.now()}`, `/items/x/y/z-${Date.now()}`, '/tables/venta/nothing'];

    await t.as('anonymous').post('/items').send({ id: 'r-401' }).expect(401);
    await t.as('MTY').post('/items').set('Authorization', 'Bearer wrong-key-000000').send({ id: 'r-401' }).expect(401);
    for (const path of unknown) await t.as('MTY').get(path).expect(404);
    await t.as('MTY').post('/tables/no_such_table/items').send({ id: 'r-404' }).expect(404);
    await t
      .as('MTY')
      .post('/items')
      .send({ id: 'r-413', blob: 'x'.repeat(BODY_LIMIT) })
      .expect(413);

    const after = await scrape();
    expect(timed(after, '/items', '401') - timed(before, '/items', '401')).toBe(2);
    expect(timed(after, 'unmatched', '404', 'GET') - timed(before, 'unmatched', '404', 'GET')).toBe(unknown.length);
    expect(timed(after, '/tables/:table/items', '404') - timed(before, '/tables/:table/items', '404')).toBe(1);
    expect(timed(after, '/items', '413') - timed(before, '/items', '413')).toBe(1);
    // The unknown URLs made no label values of their own.
    for (const path of unknown) expect(after).not.toContain(path);
    const known = new Set([...labelValues(before, 'resync_http_request_duration_seconds', 'route'), 'unmatched']);
    known.add('/items').add('/tables/:table/items');
    expect(labelValues(after, 'resync_http_request_duration_seconds', 'route').filter((r) => !known.has(r))).toEqual(
      [],
    );
  });

  it('never uses record ids, client ids or keys as label values', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `unique-record-${i}-${Date.now()}`);
    for (const id of ids) {
      await t.as('GDL').post('/items').send({ id }).expect(200);
      await t.as('GDL').put(`/items/${id}`).send({ ver: 2 }).expect(200);
      await t.as('GDL').get(`/items/${id}/history`).expect(200);
    }
    const text = await scrape();

    for (const secret of [
      ...ids,
      TEST_CLIENTS.GDL.clientId,
      TEST_CLIENTS.GDL.key,
      TEST_CLIENTS.MTY.key,
      TEST_ADMIN_TOKEN,
      METRICS_TOKEN,
    ])
      expect(text).not.toContain(secret);
    for (const route of labelValues(text, 'resync_http_request_duration_seconds', 'route'))
      expect(route).toMatch(/^(\/[a-z/:_-]*|unmatched)$/);
    expect(labelValues(text, 'resync_', 'table')).toEqual(expect.arrayContaining(['venta']));
    for (const table of labelValues(text, 'resync_', 'table')) expect(['venta', 'devolucion']).toContain(table);
  });
});

describe('metrics configuration', () => {
  const apps: TestApp[] = [];
  afterEach(async () => Promise.all(apps.splice(0).map((app) => app.close())));

  it('METRICS_ENABLED=false: no /metrics and nothing recorded', async () => {
    const t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { METRICS_ENABLED: 'false' },
    });
    apps.push(t);
    await t.as('MTY').post('/items').send({ id: 'off-1' }).expect(200);

    await t.as('admin').get('/metrics').expect(404);
    expect(
      sample(await t.get<Metrics>(Metrics).text(), 'resync_ingest_operations_total', { outcome: 'created' }),
    ).toBeUndefined();
  });

  it('METRICS_PORT: served on its own port (with METRICS_TOKEN when set), not on the API port', async () => {
    const port = await freePort();
    const t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { METRICS_PORT: String(port), METRICS_TOKEN, HOST: '127.0.0.1' },
    });
    apps.push(t);
    await t.as('MTY').post('/items').send({ id: 'port-1' }).expect(200);

    await t.as('admin').get('/metrics').expect(404);
    expect(t.get<MetricsServer>(MetricsServer).address()).toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(
      sample(await response.text(), 'resync_ingest_operations_total', {
        table: 'venta',
        operation: 'CREATE',
        outcome: 'created',
      }),
    ).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
