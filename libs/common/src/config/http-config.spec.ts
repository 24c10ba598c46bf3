import { loadAppConfig } from './app-config';
import { ConfigError } from './env-reader';

const KEYS = { API_KEYS: 'MTY_001:secret-key-1', ADMIN_TOKEN: 'admin-token-0123456789' };

describe('HTTP settings (CORS, timeouts)', () => {
  it('has CORS off and 30 s / 10 s / 5 s timeouts by default', () => {
    expect(loadAppConfig({ ...KEYS })).toMatchObject({
      corsOrigins: [],
      corsMaxAgeSeconds: 600,
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
    });
  });

  it('reads comma-separated origins and the preflight cache time', () => {
    const config = loadAppConfig({
      ...KEYS,
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173/',
      CORS_MAX_AGE: '1h',
    });
    expect(config.corsOrigins).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(config.corsMaxAgeSeconds).toBe(3600);
  });

  it.each([
    ['a path', 'https://shop.example.com/app'],
    ['no scheme', 'shop.example.com'],
    ['a wildcard', '*'],
    ['another scheme', 'ftp://shop.example.com'],
  ])('refuses an origin with %s', (_, origin) => {
    expect(() => loadAppConfig({ ...KEYS, CORS_ORIGINS: origin })).toThrow(ConfigError);
    expect(() => loadAppConfig({ ...KEYS, CORS_ORIGINS: origin })).toThrow(/CORS_ORIGINS/);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadAppConfig({ ...KEYS, HTTP_REQUEST_TIMEOUT: '5s', HTTP_HEADERS_TIMEOUT: '10s' })).toThrow(
      /HTTP_HEADERS_TIMEOUT/,
    );
  });
});
