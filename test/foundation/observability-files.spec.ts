import { loadAppConfig } from '@app/common';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './built-app';
import { ComposeService, composeFile } from './container-files';

// No Docker engine here: these check that the observability profile's files fit together (mount
// sources exist, Prometheus scrapes the services on the port the app serves metrics on, Grafana's
// provisioning points at what is mounted). Metric names are checked in test/metrics.

const { services } = composeFile();
const yamlFile = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));

/** The host path bind-mounted at `target` in `service`. */
function mountSource(service: ComposeService, target: string): string {
  const mount = (service.volumes ?? []).map((v) => v.split(':')).find(([, to]) => to === target);
  expect(mount).toBeDefined();
  return mount![0];
}

describe('docker-compose.yml observability profile', () => {
  const prometheus = services.prometheus;
  const grafana = services.grafana;

  it('mounts Prometheus its configuration and the alert rules from deploy/', () => {
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d/);
    expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    expect(mountSource(prometheus, '/etc/prometheus/prometheus.yml')).toBe('./deploy/prometheus/prometheus.yml');
    const config = yamlFile('deploy/prometheus/prometheus.yml') as { rule_files: string[] };
    for (const rules of config.rule_files) expect(existsSync(join(ROOT, mountSource(prometheus, rules)))).toBe(true);
  });

  it.each(['api', 'worker'])('scrapes %s on the port its configuration serves /metrics on', (name) => {
    const config = yamlFile('deploy/prometheus/prometheus.yml') as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const app = loadAppConfig(services[name].environment!);
    expect(app.metricsEnabled).toBe(true);
    expect(app.metricsPort).toBeDefined();
    const job = config.scrape_configs.find((c) => c.job_name === `resync-${name}`);
    expect(job?.static_configs.flatMap((c) => c.targets)).toEqual([`${name}:${app.metricsPort}`]);
  });

  it('uses the scrape job names the alert rules watch', () => {
    const alerts = readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8');
    const watched = [...alerts.matchAll(/up\{job="([^"]+)"\}/g)].map((m) => m[1]);
    const jobs = (
      yamlFile('deploy/prometheus/prometheus.yml') as { scrape_configs: { job_name: string }[] }
    ).scrape_configs.map((c) => c.job_name);
    expect(new Set(watched)).toEqual(new Set(['resync-api', 'resync-worker']));
    for (const job of watched) expect(jobs).toContain(job);
  });

  it('provisions Grafana with the Prometheus service as data source and the resync dashboard', () => {
    const provisioning = mountSource(grafana, '/etc/grafana/provisioning');
    const dashboards = mountSource(grafana, '/etc/grafana/dashboards');
    const datasource = yamlFile(join(provisioning, 'datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasource.datasources[0].url).toBe(`http://prometheus:${prometheus.ports![0].split(':')[1]}`);
    const provider = yamlFile(join(provisioning, 'dashboards/resync.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0].options.path).toBe('/etc/grafana/dashboards');
    const files = readdirSync(join(ROOT, dashboards)).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(['resync.json']);
    const dashboard = JSON.parse(readFileSync(join(ROOT, dashboards, 'resync.json'), 'utf8')) as {
      uid: string;
      panels: { datasource: { uid: string }; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThan(10);
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe(datasource.datasources[0].uid);
    expect(grafana.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe('/etc/grafana/dashboards/resync.json');
    expect(statSync(join(ROOT, dashboards, 'resync.json')).size).toBeGreaterThan(0);
  });
});
