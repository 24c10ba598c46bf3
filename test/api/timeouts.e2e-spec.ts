import { ApiModule } from '../../apps/api/src/api.module';
import { closeGracefully } from '@app/platform';
import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import type { Server } from 'node:http';
import { connect, Socket } from 'node:net';

/**
 * Slow clients are cut off by the limits from config (short ones here). Each test drips bytes
 * for far longer than jest's timeout would allow, so passing means the server ended the
 * connection; no duration is asserted.
 */
describe('HTTP timeouts', () => {
  let t: TestApp;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { HTTP_REQUEST_TIMEOUT: '2s', HTTP_HEADERS_TIMEOUT: '1s', HTTP_KEEP_ALIVE_TIMEOUT: '1s' },
    });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await t.close();
  });

  /** Opens a connection; resolves with what the server sent once it closes the connection. */
  function open(): { socket: Socket; closed: Promise<string> } {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
    return { socket, closed };
  }

  /** Writes `text` one byte every 300 ms until the connection closes (about 3 minutes for 600 bytes). */
  function drip(socket: Socket, text: string): void {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= text.length) return clearInterval(timer);
      socket.write(text[i++]);
    }, 300);
    socket.on('close', () => clearInterval(timer));
  }

  it('cuts off a client that sends its body one byte at a time', async () => {
    const { socket, closed } = open();
    const body = JSON.stringify({ id: 'slow-1', pad: 'x'.repeat(560) });
    socket.write(
      `POST /items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TEST_CLIENTS.MTY.key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    drip(socket, body);
    const answer = await closed;
    expect(answer).not.toMatch(/HTTP\/1\.1 2\d\d/);
    const [{ n }] = await t.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM venta WHERE _hash_id = 'slow-1'`;
    expect(n).toBe(0);
  });

  it('cuts off a client that sends its headers one byte at a time', async () => {
    const { socket, closed } = open();
    drip(socket, `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'p'.repeat(560)}\r\n\r\n`);
    expect(await closed).not.toMatch(/HTTP\/1\.1 200/);
  });

  /** The status line and the JSON body of a raw answer. */
  function parsed(answer: string): { status: number; body: Record<string, unknown>; requestIdHeader?: string } {
    const [head, body] = answer.split('\r\n\r\n');
    return {
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
      body: JSON.parse(body) as Record<string, unknown>,
      requestIdHeader: /\r\nX-Request-Id: ([^\r]+)/i.exec(head)?.[1],
    };
  }

  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
    [
      'headers over the size limit',
      `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])('answers %s that Node refuses in the error shape, with a request id', async (_case, request, status) => {
    const { socket, closed } = open();
    socket.write(request);
    const answer = parsed(await closed);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(answer.requestIdHeader).toBe(answer.body.requestId);
  });

  it('answers a request that does not arrive whole in time with a 408 in the error shape', async () => {
    const { socket, closed } = open();
    socket.write(
      'POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    const answer = parsed(await closed);
    expect(answer.status).toBe(408);
    expect(answer.body).toMatchObject({ statusCode: 408, requestId: expect.any(String) });
  });

  it('closes an idle keep-alive connection', async () => {
    const { socket, closed } = open();
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(await closed).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('Graceful shutdown', () => {
  it('finishes a request in flight when the app closes, then stops', async () => {
    const t = await createTestApp({ module: (config) => ApiModule.register(config) });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const answered = new Promise<void>((resolve) =>
      socket.on('data', () => received.includes('\r\n\r\n{') && received.trimEnd().endsWith('}') && resolve()),
    );
    const body = JSON.stringify({ id: 'in-flight-1', total: 3 });
    socket.write(
      `POST /items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TEST_CLIENTS.MTY.key}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request is in flight: headers read, body not complete

    const [{ n: before }] = await t.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM venta`;
    const closing = closeGracefully(t.app);
    socket.write(body.slice(10));
    await answered;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toContain('"hash_id":"in-flight-1"');
    await closing;
    expect(before).toBe(0);
    socket.destroy();
    await t.database.drop();
  });
});
