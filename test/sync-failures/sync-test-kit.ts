import { ManualClock, Clock } from '@app/common';
import { SyncFailure } from '@app/database';
import { OutboxDispatcher, SyncRetryService } from '@app/sync-failures';
import { createTestApp, TestApp, TestDatabase } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { FakeExternalSystem } from './fake-external-system';

export const MINUTE = 60_000;

export interface SyncApp {
  t: TestApp;
  clock: ManualClock;
  dispatcher: OutboxDispatcher;
  retry: SyncRetryService;
  /** Every sync_failures row, oldest first. */
  failures(): Promise<SyncFailure[]>;
  outboxCount(): Promise<number>;
  /** Runs the dispatcher until a batch finds nothing to claim. */
  drainOutbox(): Promise<{ delivered: number; failed: number }>;
}

/** The API, delivering to `fake`, on a ManualClock (shared between instances when given). */
export async function startSyncApp(
  fake: FakeExternalSystem | string,
  options: { clock?: ManualClock; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<SyncApp> {
  const clock = options.clock ?? new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
  const t = await createTestApp({
    module: (config) => ApiModule.register(config),
    env: { EXTERNAL_SYNC_URL: typeof fake === 'string' ? fake : fake.url, ...options.env },
    overrides: [{ provide: Clock, useValue: clock }],
    database: options.database,
  });
  const dispatcher = t.get<OutboxDispatcher>(OutboxDispatcher);
  return {
    t,
    clock,
    dispatcher,
    retry: t.get<SyncRetryService>(SyncRetryService),
    failures: () => t.prisma.syncFailure.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    outboxCount: () => t.prisma.syncOutbox.count(),
    drainOutbox: async () => {
      const total = { delivered: 0, failed: 0 };
      for (;;) {
        const { delivered, failed } = await dispatcher.dispatchOnce();
        if (delivered + failed === 0) return total;
        total.delivered += delivered;
        total.failed += failed;
      }
    },
  };
}

/**
 * The usual hooks of a sync suite: one fake external system and one app for the file, sync state
 * cleared before each test, both closed after. `started` receives them once they are up.
 */
export function useSyncApp(started: (suite: { fake: FakeExternalSystem; app: SyncApp }) => void): void {
  let fake: FakeExternalSystem | undefined;
  let app: SyncApp | undefined;
  beforeAll(async () => {
    fake = await FakeExternalSystem.start();
    app = await startSyncApp(fake);
    started({ fake, app });
  });
  beforeEach(() => clearSyncState(app!, fake!));
  afterAll(async () => {
    await app?.t.close();
    await fake?.close();
  });
}

/** Empties what a test leaves behind, so each test starts with no failures and an empty outbox. */
export async function clearSyncState(app: SyncApp, fake: FakeExternalSystem): Promise<void> {
  await app.t.prisma.$executeRaw`DELETE FROM sync_failures`;
  await app.t.prisma.$executeRaw`DELETE FROM sync_outbox`;
  await app.t.prisma.$executeRaw`DELETE FROM sync_outbox_leases`;
  fake.reset();
}

/** A sync_failures row made for a test (stats, alerts, admin filters), through Prisma as an operator's tool would write it. */
export function insertFailure(t: TestApp, row: Partial<SyncFailure> & { createdAt: Date }): Promise<SyncFailure> {
  const recordId = row.recordId ?? `rec-${Math.random().toString(36).slice(2, 10)}`;
  const clientId = row.clientId ?? 'MTY_001';
  return t.prisma.syncFailure.create({
    data: {
      entityType: 'SALE',
      entityId: `${clientId}:${recordId}`,
      action: 'CREATE',
      error: 'HTTP 500: Internal Server Error',
      payload: JSON.stringify({ _hash_id: recordId, _ver: 1 }),
      retryCount: 0,
      tableName: 'venta',
      updatedAt: row.createdAt,
      nextRetryAt: new Date(row.createdAt.getTime() + 5 * MINUTE),
      ...row,
      clientId,
      recordId,
    },
  });
}
