import { Module } from '@nestjs/common';
import { AppConfig, Clock, ManualClock } from '@app/common';
import { PlatformModule } from '@app/platform';
import { createTestInstances, TestApp, TestInstances } from '@app/testing';
import { LegacyProtocolError } from './legacy-errors';
import { RateLimitRepository } from './rate-limit.repository';
import { RateLimiter } from './rate-limiter.service';

@Module({ providers: [RateLimiter, RateLimitRepository] })
class RateLimiterTestModule {}

/** Two instances on one database share one count per client: PostgreSQL coordinates, not process memory. */
describe(RateLimiter.name, () => {
  const clock = new ManualClock(new Date('2026-06-01T12:00:10Z'));
  let instances: TestInstances;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    instances = await createTestInstances(2, {
      module: (config: AppConfig) => ({ module: RateLimiterTestModule, imports: [PlatformModule.forRoot(config)] }),
      env: { LEGACY_RATE_LIMIT: '5', LEGACY_RATE_WINDOW: '1m' },
      overrides: [{ provide: Clock, useValue: clock }],
    });
    [a, b] = instances.apps;
  });
  afterAll(() => instances.close());

  const take = (app: TestApp, clientId: string) =>
    app
      .get<RateLimiter>(RateLimiter)
      .take(clientId)
      .then(
        () => 'ok',
        (error: unknown) =>
          error instanceof LegacyProtocolError ? `${error.code} ${error.retryAfterSeconds}` : Promise.reject(error),
      );

  it('lets the limit through across instances, then refuses with when to retry; a new window starts again; clients are counted apart', async () => {
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await take(i % 2 ? b : a, 'MTY_001'));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMIT_EXCEEDED 50', 'RATE_LIMIT_EXCEEDED 50']);
    expect(await take(a, 'GDL_002')).toBe('ok');

    clock.advance(50_000); // 12:01:00, the next window
    expect(await take(b, 'MTY_001')).toBe('ok');
  });

  it('never lets more than the limit through when instances race', async () => {
    clock.advance(60_000);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => take(i % 2 ? b : a, 'RACE_1')));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
  });
});
