import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiModule } from '../../apps/api/src/api.module';
import { operationsOf } from './server-views';

const LIMIT = 64 * 1024;
const WATERMELON_LIMIT = 1024 * 1024;

/**
 * WATERMELON_BODY_LIMIT_BYTES is the limit of POST /watermelon/sync only: every other route reads
 * no more than BODY_LIMIT_BYTES (a Content-Length over it is answered 413 at once, before the body).
 */
describe('body limits: WatermelonDB push vs every other route', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({
      module: (config) => ApiModule.register(config),
      env: { BODY_LIMIT_BYTES: String(LIMIT), WATERMELON_BODY_LIMIT_BYTES: String(WATERMELON_LIMIT) },
    });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Sends only the headers (the body never comes) and resolves with the status line the server answers. */
  const headersOnly = (method: string, path: string, contentLength: number) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve('no answer: the server is waiting for the body');
      }, 3000);
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        if (answer.includes('\r\n')) {
          clearTimeout(timer);
          socket.destroy();
          resolve(answer.split('\r\n')[0]);
        }
      });
      socket.on('error', reject);
      socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_CLIENTS.MTY.key}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n{`,
      );
    });

  it('answers 413 from the declared length on ordinary routes between the two limits, without waiting for the body', async () => {
    const between = 3 * LIMIT; // over BODY_LIMIT_BYTES, under WATERMELON_BODY_LIMIT_BYTES
    expect(await headersOnly('POST', '/tables/venta/items', between)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await headersOnly('POST', '/rxdb/venta/push', between)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await headersOnly('POST', '/watermelon/sync?last_pulled_at=null', 3 * WATERMELON_LIMIT)).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
  });

  it('takes a Watermelon push over BODY_LIMIT_BYTES and refuses the same size elsewhere with the readable 413', async () => {
    const created = Array.from({ length: 2000 }, (_, k) => ({ id: `bl-${k}`, total: k, note: 'x'.repeat(40) }));
    const body = { venta: { created } };
    expect(JSON.stringify(body).length).toBeGreaterThan(LIMIT);
    await t.as('MTY').post('/watermelon/sync?last_pulled_at=null').send(body).expect(200);
    expect((await operationsOf(t, 'MTY_001', 'bl-1999')).map((o) => o.status)).toEqual(['COMPLETED']);

    const refused = await t
      .as('MTY')
      .post('/tables/venta/batch')
      .send({
        operations: created.map((record) => ({ operation: 'CREATE', record: { ...record, id: `o-${record.id}` } })),
      })
      .expect(413);
    expect(refused.body).toMatchObject({
      statusCode: 413,
      message: `Request body is larger than the limit of ${LIMIT} bytes`,
    });
    expect(await operationsOf(t, 'MTY_001', 'o-bl-1')).toEqual([]);
    await t
      .as('MTY')
      .post('/watermelon/sync?last_pulled_at=null')
      .send({ venta: { created: [{ id: 'too-big', blob: 'x'.repeat(WATERMELON_LIMIT) }] } })
      .expect(413);
    expect(await operationsOf(t, 'MTY_001', 'too-big')).toEqual([]);
  });
});
