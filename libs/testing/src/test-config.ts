import { AppConfig, loadAppConfig } from '@app/common';

export const TEST_CLIENTS = {
  MTY: { clientId: 'MTY_001', key: 'mty-secret-key-0001' },
  GDL: { clientId: 'GDL_002', key: 'gdl-secret-key-0002' },
} as const;

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A validated config for tests: fixed keys, no jobs, quiet logs; `env` adds or overrides variables. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    API_KEYS: Object.values(TEST_CLIENTS)
      .map((c) => `${c.clientId}:${c.key}`)
      .join(','),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RUN_JOBS: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
}
