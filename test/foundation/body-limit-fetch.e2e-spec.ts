import { createTestDatabase, TestDatabase } from '@app/testing';
import { rmSync } from 'node:fs';
import { AppProcess, killStartedApps, startApp, waitForHealth } from './app-process';
import { API_MAIN, buildApps } from './built-app';
import { StartupFixture } from './startup-fixture';

const KEY = 'key-for-body-limit-0123';
/** The default BODY_LIMIT_BYTES: below a few MiB the answer usually wins the race anyway. */
const LIMIT = 5 * 1024 * 1024;
/** Enough tries that an answer racing the client's writes shows up (without the fix, 10 of 12 failed with EPIPE). */
const TRIES = 12;

/**
 * A body over BODY_LIMIT_BYTES sent by Node's own fetch (undici), as an ordinary program does, to
 * the built app in its own process: the client reads the 413 and its JSON error, never EPIPE or
 * "other side closed" while it is still writing.
 */
describe('413 for a body over the limit, seen by fetch', () => {
  const fixture = new StartupFixture({
    prefix: 'resync-413-',
    logLevel: 'warn',
    credentials: { API_KEYS: `DEV_001:${KEY}`, ADMIN_TOKEN: 'admin-token-0123456789' },
  });
  let database: TestDatabase;
  let app: AppProcess;
  let base: string;

  beforeAll(async () => {
    await buildApps();
    database = await createTestDatabase();
    app = startApp(
      API_MAIN,
      await fixture.env({ DATABASE_URL: database.url, BODY_LIMIT_BYTES: String(LIMIT) }),
      fixture.tempDir(),
    );
    await waitForHealth(app);
    base = `http://127.0.0.1:${app.port}`;
  }, 300_000);
  afterAll(async () => {
    await killStartedApps();
    await database?.drop();
    fixture.tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
  const justOver = () => JSON.stringify({ id: 'big-1', blob: 'x'.repeat(LIMIT) });
  /** The status, or the error fetch failed with. */
  const send = (init: RequestInit) =>
    fetch(`${base}/items`, { method: 'POST', headers, ...init }).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      (error: Error & { cause?: { code?: string } }) => ({ status: error.cause?.code ?? error.message, body: null }),
    );

  it('answers a body whose Content-Length is just over the limit with a readable 413, every time', async () => {
    const answers = [];
    for (let i = 0; i < TRIES; i++) answers.push(await send({ body: justOver() }));

    expect(answers.map((answer) => answer.status)).toEqual(Array(TRIES).fill(413));
    expect(answers[0].body).toMatchObject({
      statusCode: 413,
      message: `Request body is larger than the limit of ${LIMIT} bytes`,
    });
  });

  it('answers a streamed (chunked) body that grows past the limit with a readable 413, every time', async () => {
    const streamed = () => {
      const bytes = new TextEncoder().encode(justOver());
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
          controller.close();
        },
      });
    };
    const answers = [];
    for (let i = 0; i < TRIES; i++) answers.push(await send({ body: streamed(), duplex: 'half' } as RequestInit));

    expect(answers.map((answer) => answer.status)).toEqual(Array(TRIES).fill(413));
  });

  it('still serves the next request after a 413', async () => {
    await send({ body: justOver() });
    const response = await send({ body: JSON.stringify({ id: 'small-1', total: 1 }) });

    expect(response.status).toBe(200);
  });
});
