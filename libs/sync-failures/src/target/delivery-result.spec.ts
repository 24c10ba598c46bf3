import { classifyResponse, describeNetworkError, parseRetryAfter } from './delivery-result';

const NOW = new Date('2026-01-01T00:00:00.000Z');

describe(classifyResponse.name, () => {
  it.each([200, 201, 202, 204, 299])('%p is delivered', (status) => {
    expect(classifyResponse(status, '', null, NOW)).toEqual({ kind: 'delivered' });
  });

  it.each([
    [408, 'HTTP 408: Request Timeout'],
    [429, 'HTTP 429: Too Many Requests'],
    [500, 'HTTP 500: Internal Server Error'],
    [502, 'HTTP 502: Bad Gateway'],
    [503, 'HTTP 503: Service Unavailable'],
    [504, 'HTTP 504: Gateway Timeout'],
  ])('%p is temporary: %p', (status, error) => {
    expect(classifyResponse(status, '', null, NOW)).toEqual({ kind: 'temporary', error });
  });

  it.each([
    [400, 'HTTP 400: Bad Request'],
    [401, 'HTTP 401: Unauthorized'],
    [404, 'HTTP 404: Not Found'],
    [409, 'HTTP 409: Conflict'],
    [422, 'HTTP 422: Unprocessable Entity'],
  ])('%p is a permanent refusal: %p', (status, error) => {
    expect(classifyResponse(status, '', null, NOW)).toEqual({ kind: 'permanent', error });
  });

  it("prefers the server's status text and appends the refusal's reason from the body, shortened", () => {
    expect(classifyResponse(500, 'Boom', null, NOW)).toEqual({ kind: 'temporary', error: 'HTTP 500: Boom' });
    const refused = classifyResponse(422, 'Unprocessable Entity', null, NOW, '{"error":\n  "total must be positive"}');
    expect(refused).toEqual({
      kind: 'permanent',
      error: 'HTTP 422: Unprocessable Entity - {"error": "total must be positive"}',
    });
    const long = classifyResponse(400, 'Bad Request', null, NOW, 'x'.repeat(5000));
    expect(long.kind === 'permanent' && long.error.length).toBeLessThan(400);
  });

  it('reads Retry-After on 429 and 503 only', () => {
    expect(classifyResponse(429, '', '120', NOW)).toEqual({
      kind: 'temporary',
      error: 'HTTP 429: Too Many Requests',
      retryAfterMs: 120_000,
    });
    expect(classifyResponse(503, '', 'Thu, 01 Jan 2026 01:00:00 GMT', NOW)).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(classifyResponse(500, '', '120', NOW)).toEqual({
      kind: 'temporary',
      error: 'HTTP 500: Internal Server Error',
    });
  });
});

describe(parseRetryAfter.name, () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 3600 ', NOW)).toBe(3_600_000);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:10:00 GMT', NOW)).toBe(600_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW)).toBe(0);
  });

  it.each([null, undefined, '', 'soon', '-5', '1.5'])('ignores %p', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe(describeNetworkError.name, () => {
  it('names a timeout with its limit', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(describeNetworkError(timeout, 10_000)).toBe('Timed out after 10000ms');
  });

  it("gives fetch's underlying cause rather than its generic message", () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeNetworkError(error, 10_000)).toBe('Network error: connect ECONNREFUSED 127.0.0.1:9');
    expect(describeNetworkError(new Error('socket hang up'), 10_000)).toBe('Network error: socket hang up');
  });
});
