import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { lossyNumberProblem } from '@app/common';
import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

/**
 * How deep a JSON body may nest. Far above any real request (a record's own fields may nest
 * MAX_FIELD_DEPTH levels, and a deeper record fails alone in a batch); it bounds what any code
 * that walks a body recursively (class-transformer, JSON.stringify, loggers) can meet.
 */
export const MAX_JSON_DEPTH = 1000;

const inflaters: Record<string, (input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress) as never,
};

export interface JsonBodyOptions {
  limitBytes: number;
  /** The Content-Encoding header, if any. */
  encoding?: string;
  /** The Content-Type header (for its charset parameter). */
  contentType?: string;
}

/**
 * Turns a request body into JSON, or throws the 4xx it deserves: an unknown encoding or charset
 * 415; a broken or truncated compressed stream, invalid UTF-8 (never silently replaced by U+FFFD),
 * nesting past MAX_JSON_DEPTH, malformed JSON or a number a double would change 400; a body over the limit once inflated 413.
 */
export async function parseJsonBody(raw: Buffer, options: JsonBodyOptions): Promise<unknown> {
  const body = await inflate(raw, options);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(options.contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new UnsupportedMediaTypeException(`Unsupported charset "${charset.slice(0, 40)}": send UTF-8`);
  if (body.length === 0) return undefined;
  if (!isUtf8(body)) throw new BadRequestException('Request body is not valid UTF-8');
  // A body shorter than twice the limit cannot nest that deep: single records skip the scan.
  if (body.length > 2 * MAX_JSON_DEPTH && nestingDepth(body) > MAX_JSON_DEPTH) {
    throw new BadRequestException(`JSON in request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  }
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestException('Malformed JSON in request body');
  }
  const lossy = lossyNumberProblem(text);
  if (lossy) throw new BadRequestException(lossy);
  return parsed;
}

async function inflate(raw: Buffer, { encoding, limitBytes }: JsonBodyOptions): Promise<Buffer> {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  if (name === 'identity' || name === '') return raw;
  const inflater = inflaters[name];
  if (!inflater)
    throw new UnsupportedMediaTypeException(
      `Unsupported Content-Encoding "${name.slice(0, 40)}": use gzip, deflate, br or none`,
    );
  try {
    // The limit applies to what the body inflates to, so a small bomb cannot fill the memory.
    return await inflater(raw, { maxOutputLength: limitBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PayloadTooLargeException(`Request body is larger than the limit of ${limitBytes} bytes`);
    throw new BadRequestException(`Request body is not valid ${name} data (broken or truncated)`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * The deepest nesting of objects and arrays in JSON text, in one pass over the bytes, without
 * recursion. UTF-8 multi-byte sequences never contain these ASCII bytes, so bytes are enough.
 */
export function nestingDepth(json: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > deepest) deepest = depth;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return deepest;
}
