import { SESSION_PARAMETERS, SessionClient } from './session-client';
import { DatabaseUnavailableError } from './wait-for-database';

/**
 * At start-up, through DATABASE_URL (a pooler, possibly): whether a session gets the settings the
 * app sends (SESSION_PARAMETERS). A pooler that dropped them would leave the server's default,
 * and timestamps written and read through Prisma would shift by the zone's offset: refuse to
 * start instead, naming the fix.
 */
export async function checkSessionSettings(url: string, expected = SESSION_PARAMETERS): Promise<void> {
  const client = new SessionClient({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const [name, value] of Object.entries(expected)) {
      const { rows } = await client.query<{ value: string }>('SELECT current_setting($1) AS value', [name]);
      if (rows[0].value !== value)
        throw new DatabaseUnavailableError(
          `Sessions through DATABASE_URL run with ${name}=${rows[0].value}, not ${value}: something between the app and PostgreSQL (a pooler?) dropped the startup parameter ${name}. Let it pass, or make it the default for the app's role: ALTER ROLE <user> SET ${name} = '${value}' (docs/scaling.md).`,
        );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
