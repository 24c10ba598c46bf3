import { OperationsService } from '@app/operations';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { FakeExternalSystem } from './fake-external-system';
import { MINUTE, startSyncApp, SyncApp } from './sync-test-kit';

/**
 * Every timestamp column is TIMESTAMPTZ; a database set to a local zone (a store's region, say)
 * must not shift schedules, windows or claims.
 */
describe('Sync retries on a database whose TimeZone is not UTC', () => {
  let fake: FakeExternalSystem;
  let database: TestDatabase;
  let app: SyncApp;

  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    database = await createTestDatabase();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${database.name}" SET TimeZone = 'America/Monterrey'`);
    await admin.end();
    app = await startSyncApp(fake, { database });
  });
  afterAll(async () => {
    await app.t.close();
    await fake.close();
    await database.drop();
  });

  it("runs the app's sessions in UTC whatever the database's default", async () => {
    const other = new Client({ connectionString: database.url });
    await other.connect();
    const { rows } = await other.query(`SELECT current_setting('TimeZone') AS zone`);
    await other.end();
    expect(rows[0].zone).toBe('America/Monterrey');
    const [{ zone }] = await app.t.prisma.$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`;
    expect(zone).toBe('UTC');
  });

  it('does not sweep an operation just logged as stale (its updated_at comes from the database clock)', async () => {
    app.clock.set(new Date());
    await app.t.prisma
      .$executeRaw`INSERT INTO sync_operations (table_name, record_id, client_id, operation, status) VALUES ('venta', 'tz-q', 'MTY_001', 'CREATE', 'PROCESSING')`;
    expect(await app.t.get<OperationsService>(OperationsService).markStaleAsError()).toBe(0);
    app.clock.advance(6 * MINUTE);
    expect(await app.t.get<OperationsService>(OperationsService).markStaleAsError()).toBe(1);
  });

  it('schedules, claims and reports by the clock, not by the session TimeZone', async () => {
    fake.respondNext({ status: 500 });
    await app.t.as('MTY').post('/items').send({ id: 'tz-1' }).expect(200);
    await app.dispatcher.dispatchOnce();
    expect((await app.failures())[0].createdAt).toEqual(app.clock.now());

    const stats = await app.t.as('admin').get('/sync-failures/stats').expect(200);
    expect(stats.body.stats).toEqual([expect.objectContaining({ entity_type: 'SALE', total_failures: 1 })]);
    app.clock.advance(4 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ attempted: 0 });
    app.clock.advance(2 * MINUTE);
    expect(await app.retry.retryDue()).toMatchObject({ delivered: 1 });
  });
});
