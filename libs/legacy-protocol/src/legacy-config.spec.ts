import { ConfigError, loadAppConfig } from '@app/common';

const base = { NODE_ENV: 'test', API_KEYS: 'MTY_001:mty-secret-key-0001', ADMIN_TOKEN: 'test-admin-token-0123456789' };

describe('LEGACY_* configuration', () => {
  it('defaults to /legacy, 20 batches a minute', () => {
    expect(loadAppConfig(base)).toMatchObject({
      legacyPrefix: '/legacy',
      legacyRateLimit: 20,
      legacyRateWindowMs: 60_000,
    });
    expect(
      loadAppConfig({ ...base, LEGACY_PREFIX: '/store/v1', LEGACY_RATE_LIMIT: '0', LEGACY_RATE_WINDOW: '10s' }),
    ).toMatchObject({ legacyPrefix: '/store/v1', legacyRateLimit: 0, legacyRateWindowMs: 10_000 });
  });

  it.each(['legacy', '/', '/items', '/records/old', '/docs', '/a b', '/legacy/'])(
    'refuses LEGACY_PREFIX=%s',
    (prefix) => {
      expect(() => loadAppConfig({ ...base, LEGACY_PREFIX: prefix })).toThrow(ConfigError);
      expect(() => loadAppConfig({ ...base, LEGACY_PREFIX: prefix })).toThrow(/LEGACY_PREFIX/);
    },
  );

  it('refuses a negative limit or a window under a second', () => {
    expect(() => loadAppConfig({ ...base, LEGACY_RATE_LIMIT: '-1' })).toThrow(/LEGACY_RATE_LIMIT/);
    expect(() => loadAppConfig({ ...base, LEGACY_RATE_WINDOW: '10ms' })).toThrow(/LEGACY_RATE_WINDOW/);
  });
});
