import { Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { PlatformModule } from '@app/platform';
import { createTestApp, TestApp } from '@app/testing';
import { Prepared } from './prisma.service';

@Module({})
class PreparedTestModule {}

const STATEMENT: Prepared = { name: 'prepared_spec_one', text: 'SELECT $1::int AS one' };

/** Names the one pooled connection has prepared, after running STATEMENT through `sql` and `pgTransaction`. */
async function preparedAfterUse(t: TestApp): Promise<string[]> {
  expect(await t.prisma.sql(STATEMENT, [1])).toEqual([{ one: 1 }]);
  await t.prisma.pgTransaction(async (tx) => expect((await tx.query(STATEMENT, [1])).rows).toEqual([{ one: 1 }]));
  const rows = await t.prisma.sql<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name', []);
  return rows.map((row) => row.name);
}

/** Behind a transaction-mode pooler a connection's named statements are not the client's (docs/scaling.md). */
describe('DATABASE_PREPARED_STATEMENTS', () => {
  const start = (env: Record<string, string>) =>
    createTestApp({
      module: (config: AppConfig) => ({ module: PreparedTestModule, imports: [PlatformModule.forRoot(config)] }),
      env: { DATABASE_POOL_SIZE: '1', ...env },
    });

  it('true (the default): hot statements are named, prepared once per connection', async () => {
    const t = await start({});
    try {
      expect(await preparedAfterUse(t)).toEqual([STATEMENT.name]);
    } finally {
      await t.close();
    }
  });

  it('false: no statement is named, so no connection holds one', async () => {
    const t = await start({ DATABASE_PREPARED_STATEMENTS: 'false' });
    try {
      expect(await preparedAfterUse(t)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
