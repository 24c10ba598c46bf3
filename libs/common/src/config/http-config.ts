import { EnvReader } from './env-reader';

/** The HTTP edge's settings: browser origins allowed by CORS and the server's timeouts. */
export interface HttpConfig {
  /** Origins (scheme://host[:port]) browsers may call the API from; empty: CORS off. */
  corsOrigins: string[];
  /** How long a browser may cache a preflight answer (Access-Control-Max-Age), seconds. */
  corsMaxAgeSeconds: number;
  /** Limit for receiving a whole request, headers and body: a slow-body client is cut off. */
  requestTimeoutMs: number;
  /** Limit for receiving a request's headers. */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

export function readHttpConfig(read: EnvReader): HttpConfig {
  const requestTimeoutMs = read.duration('HTTP_REQUEST_TIMEOUT', '30s', 100);
  const headersTimeoutMs = read.duration('HTTP_HEADERS_TIMEOUT', '10s', 100);
  // Node refuses a headers timeout longer than the request timeout.
  if (headersTimeoutMs > requestTimeoutMs)
    read.fail('HTTP_HEADERS_TIMEOUT', 'must not be longer than HTTP_REQUEST_TIMEOUT', undefined);
  return {
    corsOrigins: readOrigins(read),
    corsMaxAgeSeconds: Math.round(read.duration('CORS_MAX_AGE', '10m', 1000) / 1000),
    requestTimeoutMs,
    headersTimeoutMs: Math.min(headersTimeoutMs, requestTimeoutMs),
    keepAliveTimeoutMs: read.duration('HTTP_KEEP_ALIVE_TIMEOUT', '5s', 100),
  };
}

function readOrigins(read: EnvReader): string[] {
  const text = read.raw('CORS_ORIGINS');
  if (text === undefined) return [];
  const origins: string[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    let origin: string | undefined;
    try {
      const url = new URL(part);
      // An origin is exactly scheme://host[:port]; anything more would never match a browser's Origin header.
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === part.replace(/\/$/, ''))
        origin = url.origin;
    } catch {
      origin = undefined;
    }
    if (origin) origins.push(origin);
    else
      read.fail(
        'CORS_ORIGINS',
        `entries must be origins such as https://app.example.com (scheme, host and port only), got "${part}"`,
        undefined,
      );
  }
  return origins;
}
