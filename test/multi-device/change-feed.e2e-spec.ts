import { Clock, ManualClock } from '@app/common';
import { TombstonePurgeService } from '@app/ingest';
import { Change as IngestChange } from '@app/ingest';
import { IngestRepository } from '@app/ingest/ingest.repository';
import { createTestApp, recordId, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { connection, converge, Page, Puller } from './feed-kit';

const DAY = 86_400_000;
const CLIENT = 'MTY_001';

/** Issue 22, part 2: the change feed, GET /tables/{table}/changes. */
describe('The change feed', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let ingest: IngestRepository;
  const server = async (client = CLIENT) =>
    Object.fromEntries(
      (
        await t.prisma.$queryRaw<{ id: string; ver: number; data: Record<string, unknown> }[]>`
          SELECT _hash_id AS id, _ver AS ver, data FROM venta WHERE _client_id = ${client} AND NOT _deleted ORDER BY _hash_id`
      )
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => [r.id, { ver: r.ver, data: r.data }]),
    );
  const pull = async (query = '', who: 'MTY' | 'GDL' = 'MTY') =>
    (await t.as(who).get(`/tables/venta/changes${query}`).expect(200)).body as Page;
  const write = (id: string, ver: number, fields: Record<string, unknown> = { n: ver }): IngestChange => ({
    operation: 'UPDATE',
    id,
    ver,
    queueId: null,
    fields,
  });

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      overrides: [{ provide: Clock, useValue: clock }],
    });
    ingest = t.get(IngestRepository);
  });
  afterAll(() => t.close());

  it('serves a first pull (no since) of every live record, in pages, without tombstones; then only what changed, a rewrite moved forward', async () => {
    const device = new Puller(() => t.as('MTY'), 'venta', 3);
    const ids = Array.from({ length: 8 }, () => recordId('feed'));
    for (const id of ids) await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
    await t.as('MTY').delete(`/items/${ids[0]}?ver=2`).expect(200);
    await converge(device, () => server());
    expect(device.pulls).toBeGreaterThan(2); // pages of 3

    // Another device changes two records and deletes one: only those travel.
    const since = device.cursor;
    await t.as('MTY').put(`/items/${ids[1]}`).send({ ver: 2, total: 2 }).expect(200);
    await t.as('MTY').put(`/items/${ids[2]}`).send({ ver: 2, total: 3 }).expect(200);
    await t.as('MTY').delete(`/items/${ids[3]}?ver=2`).expect(200);
    await converge(device, () => server());
    const delta = await pull(`?since=${since}`);
    expect(delta.changes.filter((c) => ids.includes(c.id))).toEqual([
      { id: ids[1], ver: 2, data: { total: 2 }, deleted: false, updated_at: expect.any(String) },
      { id: ids[2], ver: 2, data: { total: 3 }, deleted: false, updated_at: expect.any(String) },
      { id: ids[3], ver: 2, data: null, deleted: true, updated_at: expect.any(String) },
    ]);
  });

  it('sends text in any script as UTF-8 JSON, byte for byte what was written', async () => {
    const device = new Puller(() => t.as('MTY'), 'venta', 1000);
    const id = recordId('feed-ñ');
    const fields = { customer: 'Juan Pérez', note: 'ñandú — 東京 🚀', quote: 'say "hi"\\n' };
    await t
      .as('MTY')
      .post('/items')
      .send({ id, ...fields })
      .expect(200);
    await converge(device, () => server());
    const answer = await t.as('MTY').get('/tables/venta/changes?limit=1000').expect(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.text));
    const change = (answer.body as Page).changes.find((c) => c.id === id);
    expect(change?.data).toEqual(fields);
  });

  it('serves only the key’s own client', async () => {
    const id = recordId('feed');
    await t.as('GDL').post('/items').send({ id, total: 1 }).expect(200);
    const gdl = new Puller(() => t.as('GDL'), 'venta', 1000);
    await converge(gdl, () => server('GDL_002'));
    expect(Object.keys(gdl.state())).toContain(id);
    expect((await pull('?limit=1000')).changes.map((c) => c.id)).not.toContain(id);
  });

  it('never skips a change committed after a pull by a transaction that began before it (adversarial order)', async () => {
    const [a, b, c] = [recordId('adv-a'), recordId('adv-b'), recordId('adv-c')];
    const device = new Puller(() => t.as('MTY'), 'venta', 1); // pages of one: the cursor stops on a row
    await device.pullAll();
    // A takes its transaction id first, B writes and commits, a pull runs, then A writes and commits.
    const writerA = await connection(t.database.url);
    try {
      await writerA.client.query('BEGIN');
      await writerA.client.query('SELECT pg_current_xact_id()');
      await ingest.applyAndLog(undefined, CLIENT, 'venta', [write(b, 1)]);
      await ingest.applyAndLog(undefined, CLIENT, 'venta', [write(c, 1)]);
      await device.pullOnce();
      expect(device.rows.has(a)).toBe(false);
      await ingest.applyAndLog(writerA.tx, CLIENT, 'venta', [write(a, 1)]);
      await writerA.client.query('COMMIT');
    } finally {
      await writerA.client.end();
    }
    await converge(device, () => server());
    expect(device.rows.has(a) && device.rows.has(b)).toBe(true);
  });

  it('leaves every puller with exactly the server state while writers commit in random order', async () => {
    const records = Array.from({ length: 20 }, () => recordId('race'));
    let version = 10;
    const pullers = [0, 1, 2].map((k) => new Puller(() => t.as('MTY'), 'venta', [5, 50, 1000][k]));
    let writing = true;
    const pulling = pullers.map(async (p) => {
      while (writing) {
        await p.pullAll();
        await new Promise((done) => setTimeout(done, Math.random() * 10));
      }
    });
    const writers = [0, 1, 2, 3].map(async () => {
      const w = await connection(t.database.url);
      try {
        for (let n = 0; n < 12; n++) {
          await w.client.query('BEGIN');
          await w.client.query('SELECT pg_current_xact_id()'); // the id is taken now, the commit comes later
          await new Promise((done) => setTimeout(done, Math.random() * 15));
          const picked = [
            ...new Set(Array.from({ length: 3 }, () => records[Math.floor(Math.random() * records.length)])),
          ];
          const changes = picked.map((id): IngestChange =>
            Math.random() < 0.2
              ? { operation: 'DELETE', id, ver: ++version, queueId: null, fields: null }
              : write(id, ++version, { at: version }),
          );
          try {
            await ingest.applyAndLog(w.tx, CLIENT, 'venta', changes);
          } catch (error) {
            // Writers of mixed batches on shared records can deadlock (PostgreSQL rolls one back, as
            // the app's transactions retry): that writer's transaction writes nothing; go on.
            if ((error as { code?: string }).code !== '40P01') throw error;
            await w.client.query('ROLLBACK');
            continue;
          }
          await new Promise((done) => setTimeout(done, Math.random() * 15));
          await w.client.query('COMMIT');
        }
      } finally {
        await w.client.end();
      }
    });
    await Promise.all(writers);
    writing = false;
    await Promise.all(pulling);
    for (const p of pullers) await converge(p, () => server());
  });

  it('refuses a malformed cursor or limit with a 400', async () => {
    for (const query of ['?since=nope', '?limit=0', '?limit=1001', '?limit=x', '?other=1']) {
      const res = await t.as('MTY').get(`/tables/venta/changes${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    await t.as('MTY').get('/tables/nope/changes').expect(404);
    await t.as('anonymous').get('/tables/venta/changes').expect(401);
  });

  it('answers 410 cursor_expired to a cursor older than the tombstone retention, and a full pull starts over', async () => {
    const id = recordId('expire');
    const device = new Puller(() => t.as('MTY'), 'venta', 1000);
    await t.as('MTY').post('/items').send({ id, total: 1 }).expect(200);
    await converge(device, () => server());
    const old = device.cursor!;
    await t.as('MTY').delete(`/items/${id}?ver=2`).expect(200);
    // A cursor taken after the deletion was seen stays valid.
    await converge(device, () => server());
    const fresh = device.cursor!;

    clock.set(new Date(clock.now().getTime() + 91 * DAY));
    expect((await t.get<TombstonePurgeService>(TombstonePurgeService).purgeExpired())!.venta).toBeGreaterThan(0);
    const res = await t.as('MTY').get(`/tables/venta/changes?since=${old}`).expect(410);
    expect(res.body).toMatchObject({ statusCode: 410, error: 'Gone', code: 'cursor_expired' });
    expect(res.body.message).toContain('full pull');
    await t.as('MTY').get(`/tables/venta/changes?since=${fresh}`).expect(200);
    // Another client's horizon is its own.
    await t.as('GDL').get(`/tables/venta/changes?since=${old}`).expect(200);
    const restart = new Puller(() => t.as('MTY'), 'venta', 1000);
    await converge(restart, () => server());
  });
  it('pages a full pull through rows older than the purged tombstones: no 410, every live row', async () => {
    // Live rows written before a tombstone that is later purged: their _xid is below the purge
    // horizon. A full pull in pages of 1 walks through them with cursors below it.
    for (let n = 0; n < 3; n++)
      await t
        .as('MTY')
        .post('/items')
        .send({ id: recordId('old'), total: n })
        .expect(200);
    const gone = recordId('gone');
    await t.as('MTY').post('/items').send({ id: gone, total: 1 }).expect(200);
    await t.as('MTY').delete(`/items/${gone}?ver=2`).expect(200);
    clock.set(new Date(clock.now().getTime() + 91 * DAY));
    expect((await t.get<TombstonePurgeService>(TombstonePurgeService).purgeExpired())!.venta).toBeGreaterThan(0);

    const device = new Puller(() => t.as('MTY'), 'venta', 1);
    await converge(device, () => server());
    // Its cursor stays valid after the full pull, until a later purge passes it.
    await t.as('MTY').get(`/tables/venta/changes?since=${device.cursor!}`).expect(200);
  });
});
