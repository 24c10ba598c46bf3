import { useDatabaseClient } from '@app/testing';
import { checkSessionSettings } from './session-check';

describe(checkSessionSettings.name, () => {
  const db = useDatabaseClient({
    seed: (client) => client.query(`ALTER DATABASE "${client.database}" SET TimeZone = 'America/Monterrey'`),
  });

  it("passes when sessions get the app's TimeZone, whatever the database's default", async () => {
    await expect(checkSessionSettings(db.url)).resolves.toBeUndefined();
  });

  it('refuses, naming the setting and the fix, when a session runs with another value', async () => {
    await expect(checkSessionSettings(db.url, { TimeZone: 'Asia/Tokyo' })).rejects.toThrow(
      /run with TimeZone=UTC, not Asia\/Tokyo: .*dropped the startup parameter TimeZone.*ALTER ROLE <user> SET TimeZone = 'Asia\/Tokyo'/,
    );
  });
});
