import { Module } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '@app/common';
import { PlatformModule } from '@app/platform';
import { createTestApp, TestApp } from '@app/testing';

@Module({})
class SqlTestModule {}

describe('PrismaService.sql', () => {
  let t: TestApp;
  /** Looks at the server from outside the pool, at once (no connecting). */
  let observer: Client;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config: AppConfig) => ({ module: SqlTestModule, imports: [PlatformModule.forRoot(config)] }),
    });
    await t.prisma.$executeRawUnsafe(`CREATE TABLE sql_spec_rows (id int PRIMARY KEY)`);
    await t.prisma.$executeRawUnsafe(`INSERT INTO sql_spec_rows VALUES (1)`);
    observer = new Client({ connectionString: t.database.url });
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
    await t.close();
  });

  it('after a failed statement, its row locks are gone and its connection serves the next statements, named or not', async () => {
    const prisma = t.prisma;
    const [{ pid }] = await prisma.sql<{ pid: number }>('SELECT pg_backend_pid() AS pid', []);
    // Locks the row, then fails as it computes its answer.
    const named = {
      name: 'sql_spec_locking_divide',
      text: `WITH locked AS (SELECT id FROM sql_spec_rows FOR UPDATE) SELECT 10 / $1::int AS q, pg_backend_pid() AS pid FROM locked`,
    };

    await expect(prisma.sql(named, [0])).rejects.toThrow('division by zero');

    expect((await observer.query(`SELECT id FROM sql_spec_rows FOR UPDATE SKIP LOCKED`)).rows).toEqual([{ id: 1 }]);
    // The same connection (kept, not reconnected), with the statement it had parsed.
    expect(await prisma.sql(named, [2])).toEqual([{ q: 5, pid }]);
    expect(await prisma.sql('SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
  });
});
