import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { LegacyCode, LegacyProtocolError } from './legacy-errors';

/** Content types an NDJSON body may come with (the original clients send text/plain). */
export const NDJSON_TYPES = ['text/plain', 'application/x-ndjson'];

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The text of an NDJSON body, on any HTTP platform: already read by the platform's text parser
 * (a string or buffer), or still unread on the request stream, read here up to `limitBytes`.
 * Bytes that are not UTF-8 are refused, never silently replaced; compressed bodies are not taken.
 */
export async function readTextBody(
  request: { headers: Record<string, string | string[] | undefined>; raw?: unknown },
  parsed: unknown,
  limitBytes: number,
): Promise<string> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== '')
    throw new LegacyProtocolError(
      LegacyCode.InvalidContentType,
      415,
      'NDJSON bodies must not be compressed (Content-Encoding)',
    );
  let bytes: Buffer;
  if (typeof parsed === 'string') return parsed;
  if (Buffer.isBuffer(parsed)) bytes = parsed;
  else bytes = await readStream((request.raw ?? request) as Readable, limitBytes);
  if (!isUtf8(bytes)) throw LegacyProtocolError.badRequest(LegacyCode.InvalidNdjson, 'The body is not valid UTF-8');
  return bytes.toString('utf8');
}

/** Reads the whole body; past the limit it keeps draining (so the answer can still be sent) and refuses it. */
function readStream(stream: Readable, limitBytes: number): Promise<Buffer> {
  if (!stream.readable) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => {
      if (size > limitBytes)
        reject(
          new LegacyProtocolError(
            LegacyCode.PayloadTooLarge,
            413,
            `Request body is larger than the limit of ${limitBytes} bytes`,
          ),
        );
      else resolve(Buffer.concat(chunks));
    });
  });
}
