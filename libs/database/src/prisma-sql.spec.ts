import type { AppConfig } from '@app/common';
import type { PoolClient } from 'pg';
import { PrismaService } from './prisma.service';

/**
 * PostgreSQL reports a failed statement before it rolls the statement's transaction back, and
 * node-pg rejects on the report: `sql` must not reject before the rollback, or a caller acting on
 * the error (a worker claiming the same queue entry with SKIP LOCKED) could find the rows still
 * locked. The connection's next query runs only after the rollback, so `sql` waits for one.
 */
describe('PrismaService.sql on a failed statement', () => {
  const prisma = new PrismaService({
    databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
    databasePoolSize: 1,
  } as AppConfig);
  afterAll(() => prisma.pool.end());

  /** A pooled connection that fails `bad` (and, if `broken`, everything after it), logging what it is asked. */
  const connection = (events: string[], broken = false) => {
    let failed = false;
    const client = {
      query: async (query: string | { text: string }) => {
        const text = typeof query === 'string' ? query : query.text;
        events.push(text);
        if (text === 'bad' || (broken && failed)) {
          failed = true;
          throw new Error(`${text} failed`);
        }
        return { rows: [{ text }] };
      },
      release: (error?: Error) => events.push(error ? `destroyed (${error.message})` : 'released'),
    };
    jest.spyOn(prisma.pool, 'connect').mockImplementation(async () => client as unknown as PoolClient);
  };

  afterEach(() => jest.restoreAllMocks());

  it('rejects only after the connection has run another query, and keeps the connection', async () => {
    const events: string[] = [];
    connection(events);
    await prisma.sql('bad', []).catch((error: Error) => events.push(`rejected: ${error.message}`));
    expect(events).toEqual(['bad', 'SELECT 1', 'released', 'rejected: bad failed']);
  });

  it('destroys a connection that cannot run that query, and still rejects with the statement error', async () => {
    const events: string[] = [];
    connection(events, true);
    await expect(prisma.sql('bad', [])).rejects.toThrow('bad failed');
    expect(events).toEqual(['bad', 'SELECT 1', 'destroyed (SELECT 1 failed)']);
  });

  it('answers a statement that succeeds with its rows and releases the connection', async () => {
    const events: string[] = [];
    connection(events);
    expect(await prisma.sql('good', [])).toEqual([{ text: 'good' }]);
    expect(events).toEqual(['good', 'released']);
  });
});
