import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/**
 * A body refused before it was read (413: over BODY_LIMIT_BYTES, whether its Content-Length said
 * so or it grew past the limit) is read and thrown away before the answer goes out, if it is at
 * most twice the limit. Answering while the client is still writing and then closing makes ordinary
 * clients (Node's fetch, most HTTP libraries) fail with EPIPE or ECONNRESET before they read the
 * 413; curl happens to read it. Past the bound (a body far over the limit) the answer goes out at
 * once, as before. The connection is closed after such an answer either way.
 */
export function answerRefusedBodiesReadably(fastify: FastifyInstance, limitBytes: number): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    // Twice the route's own limit (WatermelonDB's push has a larger one), else twice BODY_LIMIT_BYTES.
    const boundBytes = 2 * (request.routeOptions.bodyLimit ?? limitBytes);
    if (reply.statusCode !== 413 || finished(request.raw)) return payload;
    reply.header('Connection', 'close');
    const declared = Number(request.headers['content-length']);
    if (!Number.isFinite(declared) || declared <= boundBytes) await discard(request.raw, boundBytes);
    return payload;
  });
}

/** Reads `raw` to its end, dropping the bytes; gives up after `boundBytes` or if the client stops. */
function discard(raw: IncomingMessage, boundBytes: number): Promise<void> {
  return new Promise((done) => {
    let read = 0;
    const finish = () => {
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      done();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > boundBytes) {
        raw.pause();
        finish();
      }
    };
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    if (finished(raw)) finish();
    else raw.resume();
  });
}

/** Read to the end already (an inflated body over the limit, say), or gone. */
function finished(raw: IncomingMessage): boolean {
  return raw.complete || raw.readableEnded || raw.destroyed;
}
