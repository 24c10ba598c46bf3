import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@app/common';
import { PrismaService } from '@app/database';
import { closeGracefully, configureHttp, createHttpAdapter } from '@app/platform';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_ADMIN_TOKEN, TEST_CLIENTS, testConfig } from './test-config';

export interface TestAppOptions {
  /** The root module, built from the config (for example ApiModule.register). */
  module: (config: AppConfig) => DynamicModule;
  env?: Record<string, string>;
  /** Providers to replace, such as a ManualClock for Clock. */
  overrides?: { provide: unknown; useValue: unknown }[];
  /** Reuse a database (for several app instances on one database). */
  database?: TestDatabase;
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  prisma: PrismaService;
  database: TestDatabase;
  /** supertest against the app, authenticated as a test client (MTY by default), the admin, or nobody. */
  as(who: keyof typeof TEST_CLIENTS | 'admin' | 'anonymous'): AuthenticatedAgent;
  get<T>(token: unknown): T;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch' | 'options';
export type AuthenticatedAgent = Record<Method, (path: string) => request.Test>;

/** Starts the app on its own fresh database (or the one given), with the real HTTP setup. */
export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase());
  const config = testConfig(database.url, options.env);
  let builder = Test.createTestingModule({ imports: [options.module(config)] });
  for (const override of options.overrides ?? [])
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    bodyParser: false,
    logger: false,
  });
  configureHttp(app, config, { swagger: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  const as = (who: keyof typeof TEST_CLIENTS | 'admin' | 'anonymous'): AuthenticatedAgent => {
    const secret = who === 'admin' ? TEST_ADMIN_TOKEN : who === 'anonymous' ? undefined : TEST_CLIENTS[who].key;
    const agent = request(app.getHttpServer());
    const wrap = (method: Method) => (path: string) => {
      const test = agent[method](path);
      return secret ? test.set('Authorization', `Bearer ${secret}`) : test;
    };
    return {
      get: wrap('get'),
      post: wrap('post'),
      put: wrap('put'),
      delete: wrap('delete'),
      patch: wrap('patch'),
      options: wrap('options'),
    };
  };

  return {
    app,
    config,
    prisma: app.get(PrismaService),
    database,
    as,
    get: <T>(token: unknown) => app.get(token as never) as T,
    close: async () => {
      await closeGracefully(app);
      if (ownsDatabase) await database.drop();
    },
  };
}
