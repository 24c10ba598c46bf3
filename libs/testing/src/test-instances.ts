import { createTestApp, TestApp, TestAppOptions } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestInstances {
  apps: TestApp[];
  database: TestDatabase;
  /** Closes every instance, then drops the database. */
  close(): Promise<void>;
}

/**
 * Several instances of one app on one fresh database, started one after the other: what must
 * hold across processes is coordinated through PostgreSQL, never process memory.
 */
export async function createTestInstances(
  count: number,
  options: Omit<TestAppOptions, 'database'>,
): Promise<TestInstances> {
  const database = await createTestDatabase();
  const apps: TestApp[] = [];
  for (let i = 0; i < count; i += 1) apps.push(await createTestApp({ ...options, database }));
  return {
    apps,
    database,
    close: async () => {
      for (const app of apps) await app.close();
      await database.drop();
    },
  };
}
