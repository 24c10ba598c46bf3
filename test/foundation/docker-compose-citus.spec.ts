import { loadAppConfig } from '@app/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FLAGS, ROOT, WORKER_MAIN, buildApps } from './built-app';
import { composeFile } from './container-files';

// The citus profile of docker-compose.yml (docs/scaling.md "Scaling out with Citus"). No Docker
// engine here: the file's content, its wiring, and the paths it runs against what `nest build` makes.
describe('docker-compose.yml, profile citus', () => {
  const { services, volumes } = composeFile();
  const nodes = ['citus-coordinator', 'citus-worker-1', 'citus-worker-2'];
  const apps = ['api-citus', 'worker-citus'];

  beforeAll(() => buildApps(), 300_000);

  it('runs a coordinator and two workers of the official Citus image, each on its own volume, ready for shard moves', () => {
    for (const name of nodes) {
      const node = services[name];
      expect(node.image).toMatch(/^citusdata\/citus:13\.\d+(\.\d+)?$/);
      expect(node.command).toEqual(expect.arrayContaining(['wal_level=logical']));
      expect(node.healthcheck!.test.join(' ')).toMatch(/pg_isready -U \S+ -d \S+/);
      const [volume, mountPoint] = node.volumes![0].split(':');
      expect(mountPoint).toBe('/var/lib/postgresql/data');
      expect(Object.keys(volumes ?? {})).toContain(volume);
    }
    expect(new Set(nodes.map((name) => services[name].volumes![0])).size).toBe(nodes.length);
    // One user and password on every node (the coordinator logs in to the workers with PGPASSWORD).
    const credentials = nodes.map((name) => services[name].environment!);
    for (const env of credentials) {
      expect(env).toEqual(credentials[0]);
      expect(env.PGPASSWORD).toBe(env.POSTGRES_PASSWORD);
      expect(env.POSTGRES_PASSWORD).toContain('CHANGE_ME');
    }
  });

  it('registers the coordinator and exactly the worker services, once all three are healthy', () => {
    const setup = services['citus-setup'];
    expect(setup.image).toBe(services['citus-coordinator'].image);
    expect(setup.depends_on).toEqual(Object.fromEntries(nodes.map((n) => [n, { condition: 'service_healthy' }])));
    const sql = setup.command!.join(' ');
    expect(sql).toContain("citus_set_coordinator_host('citus-coordinator', 5432)");
    const added = [...sql.matchAll(/citus_add_node\('([^']+)', 5432\)/g)].map((m) => m[1]);
    expect(added).toEqual(nodes.filter((n) => n !== 'citus-coordinator'));
    expect(sql).toContain('--host=citus-coordinator');
  });

  it('migrates and distributes once the nodes are registered, with the built CLIs', () => {
    const distribute = services['citus-distribute'];
    expect(distribute.build).toBe('.');
    expect(distribute.depends_on).toEqual({ 'citus-setup': { condition: 'service_completed_successfully' } });
    const script = distribute.command!.at(-1)!;
    const run = [...script.matchAll(/node (\S+)/g)].map((m) => m[1]);
    expect(run).toEqual(['dist/apps/api/apps/api/src/cli/migrate.js', 'dist/apps/api/apps/api/src/cli/distribute.js']);
    for (const file of run) expect(existsSync(join(ROOT, file))).toBe(true);
  });

  it.each(apps)(
    'starts %s after the distribution, on the coordinator with DATABASE_ENGINE=citus and its credentials',
    (name) => {
      const service = services[name];
      expect(service.depends_on).toEqual({ 'citus-distribute': { condition: 'service_completed_successfully' } });
      const env = service.environment!;
      expect(env.DATABASE_ENGINE).toBe('citus');
      const node = services['citus-coordinator'].environment!;
      const url = new URL(env.DATABASE_URL);
      expect([url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
        'citus-coordinator',
        '5432',
        node.POSTGRES_USER,
        node.POSTGRES_PASSWORD,
        `/${node.POSTGRES_DB}`,
      ]);
      expect(loadAppConfig(env).nodeEnv).toBe('production');
      expect(services['citus-distribute'].environment!.DATABASE_URL).toBe(env.DATABASE_URL);
    },
  );

  it('runs the crons in worker-citus only, and publishes api-citus beside the default api', () => {
    expect(loadAppConfig(services['api-citus'].environment!).runJobs).toBe(false);
    expect(loadAppConfig(services['worker-citus'].environment!).runJobs).toBe(true);
    expect(services['worker-citus'].command).toEqual(['node', ...NODE_FLAGS, WORKER_MAIN]);
    expect(services['api-citus'].ports).toEqual(['3100:3000']);
    expect(services['api-citus'].ports).not.toEqual(services.api.ports);
  });
});
