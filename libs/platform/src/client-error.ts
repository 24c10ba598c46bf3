import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** Node's parser errors that have their own status; any other unparsable request is a 400. */
const STATUS_BY_CODE: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive whole in time' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large' },
};
const MALFORMED = { status: 400, message: 'The request is not valid HTTP' };

/**
 * Answers a request Node's HTTP parser refused before any route saw it (malformed request line or
 * headers, headers over the size limit, a request not whole within HTTP_REQUEST_TIMEOUT) in the
 * one error shape with a request id, as every other answer, then closes the connection: after a
 * parse error nothing else on it can be read. Fastify's own default answers in another shape.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, message } = (error.code && STATUS_BY_CODE[error.code]) || MALFORMED;
    const requestId = randomUUID();
    const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message, requestId });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
