import { createTestApp, createTestDatabase, TestApp, TestDatabase } from '@app/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps } from '../foundation/built-app';
import { apiWithWhoAmI, whoami } from './credentials-kit';

const KEYS_MAIN = 'dist/apps/api/apps/api/src/cli/keys.js';

/** `npm run keys -- …` (the built CLI that scripts/keys.js runs) on the database a running instance uses. */
describe('npm run keys', () => {
  let database: TestDatabase;
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    await buildApps();
    database = await createTestDatabase();
    t = await createTestApp({ module: apiWithWhoAmI, database });
    dir = mkdtempSync(join(tmpdir(), 'resync-keys-'));
  }, 300_000);
  afterAll(async () => {
    await t.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const child = spawn(process.execPath, [join(__dirname, '../..', KEYS_MAIN), ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        ADMIN_TOKEN: 'admin-token-0123456789',
        NODE_ENV: 'production',
      },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    return { code, output };
  };

  it('issues a device key the running instance accepts, lists it without the key, rotates and revokes it', async () => {
    const issued = await run('issue', 'MTY_001', '--device', 'till-2', '--label', 'till 2', '--json');
    expect(issued.code).toBe(0);
    const key = JSON.parse(issued.output.trim().split('\n').pop()!) as { id: string; key: string; device_id: string };
    expect(key).toMatchObject({ device_id: 'till-2', client_id: 'MTY_001', status: 'active' });
    expect((await whoami(t, key.key).expect(200)).body).toEqual({ clientId: 'MTY_001', deviceId: 'till-2' });

    const listed = await run('list', 'MTY_001');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(`${key.id}  MTY_001 device till-2  active  "till 2"`);
    expect(listed.output).not.toContain(key.key);

    const rotated = await run('rotate', key.id, '--grace', '1h');
    expect(rotated.code).toBe(0);
    const next = /key: (rsk_\S+)/.exec(rotated.output)![1];
    await whoami(t, next).expect(200);
    await whoami(t, key.key).expect(200); // within its grace period

    expect((await run('revoke', key.id)).code).toBe(0);
    // The instance heard of it (NOTIFY) and refuses the key.
    for (let i = 0; i < 40 && (await whoami(t, key.key)).status !== 401; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect((await whoami(t, key.key).expect(401)).body.code).toBe('key_revoked');
  });

  it('says how to use it, and refuses bad input without touching the database', async () => {
    const bad = await run('issue', 'bad id');
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('client_id must be letters, digits, _ . or -');
    expect(bad.output).toContain('Usage: npm run keys');
    expect((await run('revoke', 'nosuchkey123')).output).toContain('No key nosuchkey123');
    expect((await run('revoke', 'nosuchkey123')).code).toBe(1);
    expect((await run('frobnicate')).code).toBe(2);
  });
});
