import { PrismaService } from '@app/database';
import { AsyncIngestWorker } from '@app/ingest';
import { AuthenticatedAgent, createTestApp, recordQueries, TestApp } from '@app/testing';
import type { Test } from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';

/**
 * The API with its workers held (RUN_JOBS=false): the tests run them with processOnce, so they
 * see the queue. With what the asynchronous specs do as MTY_001.
 */
export function useAsyncApp(
  env: Record<string, string> = {},
  overrides: { provide: unknown; useValue: unknown }[] = [],
) {
  const kit = {
    t: undefined as unknown as TestApp,
    worker: undefined as unknown as AsyncIngestWorker,
    mty: (): AuthenticatedAgent => kit.t.as('MTY'),
    /** The request, asynchronously (`Prefer: respond-async`). */
    async: (req: Test) => req.set('Prefer', 'respond-async'),
    ...recordQueries((): AuthenticatedAgent => kit.t.as('MTY')),
    /** Runs the workers until nothing is left: what they completed and failed. */
    drain: async (): Promise<{ completed: number; failed: number }> => {
      let total = { completed: 0, failed: 0 };
      for (;;) {
        const done = await kit.worker.processOnce();
        if (done.completed + done.failed === 0) return total;
        total = { completed: total.completed + done.completed, failed: total.failed + done.failed };
      }
    },
  };
  beforeAll(async () => {
    kit.t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { EXTERNAL_SYNC_URL: 'http://127.0.0.1:9/never-called', ...env },
      overrides,
    });
    kit.worker = kit.t.get(AsyncIngestWorker);
  });
  afterAll(() => kit.t.close());
  return kit;
}

/**
 * Runs `fn` while another worker holds the queue entry keyed `key`: the entry locked in a
 * transaction left open (as a worker's claim is) until `fn` is done, whatever it does.
 */
export async function whileHolding<T>(prisma: PrismaService, key: bigint | string, fn: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM sync_queue WHERE operation_id = ${BigInt(key)} FOR UPDATE`;
    locked();
    await released;
  });
  await isLocked;
  try {
    return await fn();
  } finally {
    release();
    await holder;
  }
}
