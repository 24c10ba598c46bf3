import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { AppConfig, ClientAuth, ClientId, DeviceId } from '@app/common';
import { TEST_ADMIN_TOKEN, TestApp } from '@app/testing';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';

/** Who the guard said the caller is: the store and device a route's decorators receive. */
@Controller('test-whoami')
class WhoAmIController {
  @Get()
  @ClientAuth()
  whoami(@ClientId() clientId: string, @DeviceId() deviceId: string | undefined) {
    return { clientId, deviceId: deviceId ?? null };
  }
}

@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

/** The whole API plus GET /test-whoami. */
export const apiWithWhoAmI = (config: AppConfig): DynamicModule => ({
  module: WhoAmIModule,
  imports: [ApiModule.register(config)],
});

export const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

/** GET /test-whoami with `secret` (and any other headers). */
export const whoami = (t: TestApp, secret: string, headers: Record<string, string> = {}) =>
  request(t.app.getHttpServer())
    .get('/test-whoami')
    .set({ ...bearer(secret), ...headers });

export interface IssuedKeyBody {
  id: string;
  key: string;
  client_id: string;
  device_id: string | null;
  status: string;
  expires_at: string | null;
}

/** POST /client-keys as the admin; the issued key. */
export async function issueKey(t: TestApp, body: Record<string, unknown>): Promise<IssuedKeyBody> {
  const answer = await request(t.app.getHttpServer())
    .post('/client-keys')
    .set(bearer(TEST_ADMIN_TOKEN))
    .send(body)
    .expect(201);
  return answer.body as IssuedKeyBody;
}

/** Polls until `check` passes or `ms` runs out; how long it took. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
}
