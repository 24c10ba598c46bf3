import { SessionClient } from '../session-client';
import { hasCitus, readTables } from './catalog';
import { CLIENT_COLUMNS, planTables } from './distribution-plan';

/**
 * At start-up, after the migrations: the database is what DATABASE_ENGINE says. With `citus`, every
 * table is distributed or a reference table (a table a newer migration added waits for
 * `npm run db:distribute`); with `postgres`, no table is distributed (the app would claim across
 * shards and write what Citus refuses). Throws the one thing to do.
 */
export async function checkDatabaseEngine(url: string, engine: 'postgres' | 'citus'): Promise<void> {
  const client = new SessionClient({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const citus = await hasCitus(client);
    if (engine === 'postgres') {
      if (!citus) return;
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_dist_partition`);
      if (rows[0].n > 0)
        throw new Error('The database is distributed by Citus: set DATABASE_ENGINE=citus (docs/scaling.md)');
      return;
    }
    if (!citus) throw new Error('DATABASE_ENGINE=citus, but the database has no citus extension (docs/scaling.md)');
    const plan = planTables(await readTables(client, CLIENT_COLUMNS));
    const left = [
      ...plan.distributed.filter((t) => t.citus !== 'distributed'),
      ...plan.reference.filter((t) => t.citus !== 'reference'),
      ...plan.unknown,
    ];
    if (left.length > 0)
      throw new Error(
        `DATABASE_ENGINE=citus, but table(s) ${left.map((t) => t.name).join(', ')} are not distributed: run npm run db:distribute (docs/scaling.md)`,
      );
  } finally {
    await client.end();
  }
}
