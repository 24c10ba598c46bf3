import { useDatabaseClient } from '@app/testing';
import { distribute } from './distribute';
import { checkDatabaseEngine } from './engine-check';

/** On plain PostgreSQL (the Citus suite, test/citus, runs them on a cluster). */
describe('distribute and the engine check on plain PostgreSQL', () => {
  const db = useDatabaseClient();

  it('refuses a database without Citus, clearly, and changes nothing', async () => {
    const schema = () =>
      db.client.query(
        `SELECT (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal)::int AS triggers,
                (SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'c'))::int AS constraints`,
      );
    const before = (await schema()).rows;
    await expect(distribute(db.url)).rejects.toThrow(
      'The database has no citus extension: connect to a Citus coordinator (docs/scaling.md)',
    );
    expect((await schema()).rows).toEqual(before);
  });

  it('the start-up check passes plain PostgreSQL as postgres, and refuses it as citus', async () => {
    await expect(checkDatabaseEngine(db.url, 'postgres')).resolves.toBeUndefined();
    await expect(checkDatabaseEngine(db.url, 'citus')).rejects.toThrow(
      'DATABASE_ENGINE=citus, but the database has no citus extension (docs/scaling.md)',
    );
  });
});
