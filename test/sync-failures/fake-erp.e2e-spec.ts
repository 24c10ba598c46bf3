import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../setup/free-port';
import { startSyncApp, SyncApp } from './sync-test-kit';

const SCRIPT = resolve(__dirname, '../../scripts/fake-erp.js');

/** `npm run fake-erp -- …` as the operator guide starts it: resolves once it says it listens. */
async function fakeErp(args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SCRIPT, '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', () => output.includes('listening') && done());
    child.once('exit', (code) => fail(new Error(`fake-erp exited (${code}): ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}/sync`, child, output: () => output };
}

/** The development-only fake ERP fails the deliveries it is told to, so there is a failure to look at. */
describe('npm run fake-erp', () => {
  const started: { child: ChildProcess }[] = [];
  let app: SyncApp | undefined;
  afterEach(async () => {
    await app?.t.close();
    app = undefined;
    started.splice(0).forEach(({ child }) => child.kill());
  });

  it('refuses one record permanently (--fail-id, --status 422) and accepts the others', async () => {
    const erp = await fakeErp(['--fail-id', 'bad-1', '--status', '422']);
    started.push(erp);
    app = await startSyncApp(erp.url);
    await app.t.as('MTY').post('/items').send({ id: 'ok-1', total: 1 }).expect(200);
    await app.t.as('MTY').post('/items').send({ id: 'bad-1', total: -1 }).expect(200);

    expect(await app.drainOutbox()).toEqual({ delivered: 1, failed: 1 });
    expect(await app.failures()).toEqual([
      expect.objectContaining({
        recordId: 'bad-1',
        nextRetryAt: null,
        error: 'HTTP 422: Unprocessable Entity - {"error":"refused by fake-erp (development only)"}',
      }),
    ]);
    expect(erp.output()).toContain('422 CREATE SALE MTY_001:bad-1');
    expect(erp.output()).toContain('200 CREATE SALE MTY_001:ok-1');
  });

  it('says in one line that its port is taken, and exits 1', async () => {
    const erp = await fakeErp([]);
    started.push(erp);
    const port = new URL(erp.url).port;
    const second = spawn(process.execPath, [SCRIPT, '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    second.stdout!.on('data', (chunk) => (output += chunk));
    second.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((done) => second.once('exit', done));
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `fake-erp: port ${port} is in use (another fake-erp, or the API?): choose another with --port`,
    );
  });

  it('fails every delivery with --fail 100% (503 by default: retried with backoff)', async () => {
    const erp = await fakeErp(['--fail', '100%']);
    started.push(erp);
    app = await startSyncApp(erp.url);
    await app.t.as('MTY').post('/items').send({ id: 'down-1' }).expect(200);

    expect(await app.drainOutbox()).toEqual({ delivered: 0, failed: 1 });
    expect(await app.failures()).toEqual([
      expect.objectContaining({ recordId: 'down-1', retryCount: 0, nextRetryAt: expect.any(Date) }),
    ]);
  });

  it('refuses a bad option with its usage', async () => {
    const child = spawn(process.execPath, [SCRIPT, '--fail', '150%'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((done) => child.once('exit', done));

    expect(code).toBe(2);
    expect(output).toContain('--fail takes a percentage from 0% to 100%, got "150%"');
  });
});
