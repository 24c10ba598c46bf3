import { loadAppConfig } from '@app/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_MAIN, buildApps, NODE_FLAGS, ROOT, WORKER_MAIN } from './built-app';
import { ComposeService, composeFile, dockerfileStages, execForm, runHealthcheck } from './container-files';

// There is no Docker engine on the build machine: these check the files' content, the paths they
// run against what `nest build` produces, and run the healthcheck scripts against a stand-in server.

describe('Dockerfile', () => {
  const stages = dockerfileStages();
  const runtime = stages.at(-1)!;
  const all = (keyword: string, stage?: { instructions: { keyword: string; args: string }[] }) =>
    (stage ? [stage] : stages).flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args));

  beforeAll(() => buildApps(), 300_000);

  it('installs with npm ci and builds with npm run build in earlier stages', () => {
    expect(stages.length).toBeGreaterThan(1);
    const building = stages.slice(0, -1).flatMap((stage) => all('RUN', stage));
    expect(building).toEqual(
      expect.arrayContaining([expect.stringMatching(/^npm ci\b/), expect.stringMatching(/^npm run build\b/)]),
    );
  });

  it('runs from node:20-slim with production dependencies, dist and the migrations only', () => {
    expect(runtime.image).toBe('node:20-slim');
    const copies = all('COPY', runtime);
    expect(copies).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--from=\S+ \/app\/node_modules \.\/node_modules$/),
        '--from=build /app/dist ./dist',
        'prisma/migrations ./prisma/migrations',
      ]),
    );
    expect(copies).not.toContain('. .');
    const prodDeps = stages.find((stage) =>
      copies.some((copy) => copy.startsWith(`--from=${stage.name} /app/node_modules`)),
    )!;
    expect(all('RUN', prodDeps)).toEqual([expect.stringMatching(/^npm ci .*--omit=dev/)]);
  });

  it('runs as a non-root user', () => {
    const users = all('USER', runtime);
    expect(users).toHaveLength(1);
    expect(['root', '0']).not.toContain(users[0].split(':')[0]);
  });

  it('starts the api from the path nest build writes it to', () => {
    const cmd = execForm(all('CMD', runtime)[0]);
    expect(cmd).toEqual(['node', ...NODE_FLAGS, API_MAIN]);
    expect(existsSync(join(ROOT, cmd.at(-1)!))).toBe(true);
  });

  it('has a healthcheck that passes on 200 from /health and fails otherwise', async () => {
    const healthcheck = execForm(all('HEALTHCHECK', runtime)[0]);
    expect(await runHealthcheck(healthcheck, 200)).toBe(0);
    expect(await runHealthcheck(healthcheck, 503)).toBe(1);
    expect(await runHealthcheck(healthcheck, undefined)).toBe(1);
  }, 60_000);

  it('agrees with the npm start scripts', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['start:prod']).toBe(['node', ...NODE_FLAGS, API_MAIN].join(' '));
    expect(scripts['start:worker']).toBe(['node', ...NODE_FLAGS, WORKER_MAIN].join(' '));
  });
});

describe('docker-compose.yml', () => {
  const { services, volumes } = composeFile();
  const apps: [string, ComposeService][] = [
    ['api', services.api],
    ['worker', services.worker],
  ];

  beforeAll(() => buildApps(), 300_000);

  it('runs postgres, api and worker by default, Prometheus and Grafana in the observability profile', () => {
    const inProfile = (profile?: string) =>
      Object.keys(services)
        .filter((name) => (services[name].profiles?.[0] ?? undefined) === profile)
        .sort();
    expect(inProfile(undefined)).toEqual(['api', 'postgres', 'worker']);
    expect(inProfile('observability')).toEqual(['grafana', 'prometheus']);
    expect(inProfile('citus')).toEqual([
      'api-citus',
      'citus-coordinator',
      'citus-distribute',
      'citus-setup',
      'citus-worker-1',
      'citus-worker-2',
      'worker-citus',
    ]);
    expect(Object.values(services).every((service) => (service.profiles ?? []).length <= 1)).toBe(true);
  });

  it('runs PostgreSQL 16 on a named volume with a pg_isready healthcheck', () => {
    const postgres = services.postgres;
    expect(postgres.image).toBe('postgres:16');
    expect(postgres.healthcheck!.test.join(' ')).toMatch(/pg_isready -U \S+ -d \S+/);
    const [volume, mountPoint] = postgres.volumes![0].split(':');
    expect(mountPoint).toBe('/var/lib/postgresql/data');
    expect(Object.keys(volumes ?? {})).toContain(volume);
  });

  it('builds api and worker from this directory into one image', () => {
    expect([services.api.build, services.worker.build]).toEqual(['.', '.']);
    expect(services.api.image).toMatch(/^resync:/);
    expect(services.worker.image).toBe(services.api.image);
  });

  it.each(apps)('starts %s only once postgres is healthy', (_, service) => {
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it.each(apps)("wires %s's DATABASE_URL to the postgres service and its credentials", (_, service) => {
    const postgres = services.postgres.environment!;
    const url = new URL(service.environment!.DATABASE_URL);
    expect({
      protocol: url.protocol,
      host: url.hostname,
      port: url.port,
      user: url.username,
      password: url.password,
      database: url.pathname,
    }).toEqual({
      protocol: 'postgresql:',
      host: 'postgres',
      port: '5432',
      user: postgres.POSTGRES_USER,
      password: postgres.POSTGRES_PASSWORD,
      database: `/${postgres.POSTGRES_DB}`,
    });
  });

  it.each(apps)('gives %s an environment the app accepts in production, with placeholder secrets', (_, service) => {
    const config = loadAppConfig(service.environment!);
    expect(config.nodeEnv).toBe('production');
    expect(config.generatedCredentials).toBe(false);
    expect(service.environment!.API_KEYS).toContain('CHANGE_ME');
    expect(service.environment!.ADMIN_TOKEN).toContain('CHANGE_ME');
  });

  it('runs the crons in the worker only', () => {
    expect(loadAppConfig(services.api.environment!).runJobs).toBe(false);
    expect(loadAppConfig(services.worker.environment!).runJobs).toBe(true);
  });

  it('publishes the api on port 3000 and starts it with the image CMD', () => {
    expect(services.api.ports).toEqual(['3000:3000']);
    expect(loadAppConfig(services.api.environment!).port).toBe(3000);
    expect(services.api.command).toBeUndefined();
  });

  it('starts the worker from the path nest build writes it to', () => {
    expect(services.worker.command).toEqual(['node', ...NODE_FLAGS, WORKER_MAIN]);
    expect(existsSync(join(ROOT, WORKER_MAIN))).toBe(true);
  });

  it.each(apps)(
    'gives %s a healthcheck that passes on 200 from /health and fails otherwise',
    async (_, service) => {
      expect(await runHealthcheck(service.healthcheck!.test, 200)).toBe(0);
      expect(await runHealthcheck(service.healthcheck!.test, 503)).toBe(1);
    },
    60_000,
  );
});
