import { Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { Tx } from '@app/database';
import { OperationNote } from '@app/operations';
import { PlatformModule } from '@app/platform';
import { createTestApp, TestApp } from '@app/testing';
import { Change, OperationType } from './change';
import { Outcome, OUTCOME_NOTES } from './apply-and-log.statement';
import { assertDistinctRecords } from './apply-and-log.values';
import { IngestRepository } from './ingest.repository';

@Module({ providers: [IngestRepository] })
class StatementTestModule {}

const CLIENT = 'MTY_001';

/** The row before the change: none, live at a version, or a tombstone at a version. */
type Prior = { row: 'none' } | { row: 'live' | 'tombstone'; ver: number } | { row: 'queued' };

interface Case {
  name: string;
  prior: Prior;
  operation: OperationType;
  ver: number;
  outcome: Outcome;
  /** The row afterwards: absent, live at a version with data, or a tombstone at a version. */
  after: { deleted: boolean; ver: number; data: Record<string, unknown> } | null;
}

const NEW = { total: 2 };
const OLD = { total: 1 };

// Every outcome of the README's table "What each operation does", CREATE/UPDATE/DELETE over each row state.
const CASES: Case[] = [
  {
    name: 'CREATE, no row',
    prior: { row: 'none' },
    operation: 'CREATE',
    ver: 1,
    outcome: 'created',
    after: { deleted: false, ver: 1, data: NEW },
  },
  {
    name: 'CREATE, live row',
    prior: { row: 'live', ver: 1 },
    operation: 'CREATE',
    ver: 1,
    outcome: 'duplicate',
    after: { deleted: false, ver: 1, data: OLD },
  },
  {
    name: 'CREATE, older tombstone',
    prior: { row: 'tombstone', ver: 1 },
    operation: 'CREATE',
    ver: 2,
    outcome: 'created',
    after: { deleted: false, ver: 2, data: NEW },
  },
  {
    name: 'CREATE, tombstone not older',
    prior: { row: 'tombstone', ver: 2 },
    operation: 'CREATE',
    ver: 2,
    outcome: 'stale',
    after: { deleted: true, ver: 2, data: {} },
  },
  {
    name: 'UPDATE, live row not newer',
    prior: { row: 'live', ver: 1 },
    operation: 'UPDATE',
    ver: 2,
    outcome: 'updated',
    after: { deleted: false, ver: 2, data: NEW },
  },
  {
    name: 'UPDATE, live row newer',
    prior: { row: 'live', ver: 3 },
    operation: 'UPDATE',
    ver: 2,
    outcome: 'stale',
    after: { deleted: false, ver: 3, data: OLD },
  },
  {
    name: 'UPDATE, no row',
    prior: { row: 'none' },
    operation: 'UPDATE',
    ver: 1,
    outcome: 'upserted',
    after: { deleted: false, ver: 1, data: NEW },
  },
  {
    name: 'UPDATE, older tombstone',
    prior: { row: 'tombstone', ver: 1 },
    operation: 'UPDATE',
    ver: 2,
    outcome: 'upserted',
    after: { deleted: false, ver: 2, data: NEW },
  },
  {
    name: 'UPDATE, tombstone not older',
    prior: { row: 'tombstone', ver: 2 },
    operation: 'UPDATE',
    ver: 2,
    outcome: 'stale',
    after: { deleted: true, ver: 2, data: {} },
  },
  {
    name: 'DELETE, live row not newer',
    prior: { row: 'live', ver: 1 },
    operation: 'DELETE',
    ver: 1,
    outcome: 'deleted',
    after: { deleted: true, ver: 1, data: {} },
  },
  {
    name: 'DELETE, live row newer',
    prior: { row: 'live', ver: 3 },
    operation: 'DELETE',
    ver: 2,
    outcome: 'stale',
    after: { deleted: false, ver: 3, data: OLD },
  },
  {
    name: 'DELETE, tombstone',
    prior: { row: 'tombstone', ver: 1 },
    operation: 'DELETE',
    ver: 2,
    outcome: 'already_deleted',
    after: { deleted: true, ver: 2, data: {} },
  },
  {
    name: 'DELETE, no row',
    prior: { row: 'none' },
    operation: 'DELETE',
    ver: 1,
    outcome: 'already_deleted',
    after: { deleted: true, ver: 1, data: {} },
  },
  {
    name: 'any change, operations waiting in the queue',
    prior: { row: 'queued' },
    operation: 'CREATE',
    ver: 1,
    outcome: 'queued',
    after: null,
  },
];

const EXPECTED_NOTES: Record<Outcome, string | null> = {
  created: null,
  updated: null,
  deleted: null,
  queued: null,
  upserted: OperationNote.CreatedByUpdate,
  duplicate: OperationNote.DuplicateBypassed,
  stale: OperationNote.StaleVersionIgnored,
  already_deleted: OperationNote.AlreadyDeleted,
};

// DATABASE_ENGINE=citus: the statement written for Citus (the records' prior state read and locked
// before the upserts, apply-and-log.statement.ts) must decide every case as the plain one does.
describe.each(['postgres', 'citus'])('The apply-and-log statement (DATABASE_ENGINE=%s)', (engine) => {
  let t: TestApp;
  let repository: IngestRepository;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config: AppConfig) => ({ module: StatementTestModule, imports: [PlatformModule.forRoot(config)] }),
      env: { DATABASE_ENGINE: engine },
    });
    repository = t.get(IngestRepository);
  });
  afterAll(() => t.close());

  it('covers every outcome', () => {
    expect(new Set(CASES.map((c) => c.outcome))).toEqual(new Set(Object.keys(OUTCOME_NOTES)));
    expect(OUTCOME_NOTES).toEqual(EXPECTED_NOTES);
  });

  async function arrange(id: string, prior: Prior): Promise<void> {
    if (prior.row === 'live')
      await t.prisma
        .$executeRaw`INSERT INTO venta (_client_id, _hash_id, _ver, data) VALUES (${CLIENT}, ${id}, ${prior.ver}, ${JSON.stringify(OLD)}::jsonb)`;
    if (prior.row === 'tombstone')
      await t.prisma
        .$executeRaw`INSERT INTO venta (_client_id, _hash_id, _ver, data, _deleted, _deleted_at) VALUES (${CLIENT}, ${id}, ${prior.ver}, '{}'::jsonb, true, now())`;
    if (prior.row === 'queued')
      await t.prisma
        .$executeRaw`INSERT INTO sync_operations (table_name, record_id, client_id, operation, status) VALUES ('venta', ${id}, ${CLIENT}, 'CREATE', 'QUEUED')`;
  }

  const paths: [string, (changes: Change[]) => ReturnType<IngestRepository['applyAndLog']>][] = [
    ['on the pool', (changes) => repository.applyAndLog(undefined, CLIENT, 'venta', changes)],
    [
      'in a transaction',
      (changes) => t.prisma.transaction((tx: Tx) => repository.applyAndLog(tx, CLIENT, 'venta', changes)),
    ],
  ];

  describe.each(paths)('%s', (_, apply) => {
    it.each(CASES)('$name: $outcome', async ({ prior, operation, ver, outcome, after }) => {
      const id = `stmt-${++n}`;
      await arrange(id, prior);
      const change: Change = { operation, id, ver, queueId: `job-${n}`, fields: operation === 'DELETE' ? null : NEW };

      const [applied] = await apply([change]);

      expect(applied.outcome).toBe(outcome);
      expect(typeof applied.operationId).toBe('bigint');
      const [logged] = await t.prisma.$queryRaw<
        { id: bigint; status: string; note: string | null; queue_id: string }[]
      >`
        SELECT id, status::text, note, queue_id FROM sync_operations WHERE id = ${applied.operationId}`;
      expect(logged).toEqual({
        id: applied.operationId,
        status: outcome === 'queued' ? 'QUEUED' : 'COMPLETED',
        note: OUTCOME_NOTES[outcome],
        queue_id: `job-${n}`,
      });
      const rows = await t.prisma.$queryRaw<{ deleted: boolean; ver: number; data: Record<string, unknown> }[]>`
        SELECT _deleted AS deleted, _ver AS ver, data FROM venta WHERE _client_id = ${CLIENT} AND _hash_id = ${id}`;
      expect(rows[0] ?? null).toEqual(after);
    });

    // One change is applied by the statement for its kind alone (operationKinds); all the cases in
    // one batch take the statement for all three kinds.
    it('gives every case the same outcome and row in one batch of all kinds', async () => {
      const ids = CASES.map(() => `mixed-${++n}`);
      for (const [k, { prior }] of CASES.entries()) await arrange(ids[k], prior);
      const changes: Change[] = CASES.map(({ operation, ver }, k) => ({
        operation,
        id: ids[k],
        ver,
        queueId: null,
        fields: operation === 'DELETE' ? null : NEW,
      }));

      const applied = await apply(changes);

      expect(applied.map((a) => a.outcome)).toEqual(CASES.map((c) => c.outcome));
      const rows = await t.prisma.$queryRaw<
        { id: string; deleted: boolean; ver: number; data: Record<string, unknown> }[]
      >`SELECT _hash_id AS id, _deleted AS deleted, _ver AS ver, data FROM venta WHERE _client_id = ${CLIENT} AND _hash_id = ANY(${ids})`;
      const after = new Map(rows.map(({ id, ...row }) => [id, row]));
      expect(ids.map((id) => after.get(id) ?? null)).toEqual(CASES.map((c) => c.after));
    });

    it('answers in input order, one operation per change', async () => {
      const ids = [`order-${++n}`, `order-${++n}`, `order-${++n}`];
      const changes: Change[] = ids.map((id, i) => ({ operation: 'CREATE', id, ver: 1, queueId: null, fields: { i } }));

      const applied = await apply(changes);

      const logged = await t.prisma.$queryRaw<{ id: bigint; record_id: string }[]>`
        SELECT id, record_id FROM sync_operations WHERE id = ANY(${applied.map((a) => a.operationId)}::bigint[])`;
      const recordOf = new Map(logged.map((l) => [l.id, l.record_id]));
      expect(applied.map((a) => recordOf.get(a.operationId))).toEqual(ids);
    });
  });

  it('refuses a batch that names a record twice, before anything is written', async () => {
    const change: Change = { operation: 'CREATE', id: 'twice', ver: 1, queueId: null, fields: {} };
    expect(() => assertDistinctRecords([change, { ...change }])).toThrow('a record appears twice in one statement');
    await expect(
      repository.applyAndLog(undefined, CLIENT, 'venta', [change, { ...change, operation: 'UPDATE' }]),
    ).rejects.toThrow('appears twice');
    expect(await t.prisma.$queryRaw`SELECT 1 FROM venta WHERE _hash_id = 'twice'`).toEqual([]);
  });
});
