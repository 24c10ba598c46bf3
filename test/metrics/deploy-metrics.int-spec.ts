import { Metrics } from '@app/metrics';
import { createTestApp, TestApp } from '@app/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ApiModule } from '../../apps/api/src/api.module';
import { ROOT } from '../foundation/built-app';

/** The series names the app exports (histograms as _bucket, _sum and _count). */
async function exportedSeries(t: TestApp): Promise<Set<string>> {
  const metrics = await t.get<Metrics>(Metrics).registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap((m) =>
      String(m.type) === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => m.name + s) : [m.name],
    ),
  );
}

const referenced = (text: string) => [
  ...new Set([...text.matchAll(/\b((?:resync|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1])),
];

describe('alert rules, dashboard and operator guide against the metrics the app exports', () => {
  let t: TestApp;
  let series: Set<string>;
  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    series = await exportedSeries(t);
  });
  afterAll(() => t.close());

  it('alert rules query only exported series', () => {
    const rules = (
      parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
        groups: { rules: { alert: string; expr: string }[] }[];
      }
    ).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(10);
    const unknown = rules.flatMap((rule) =>
      referenced(rule.expr)
        .filter((name) => !series.has(name))
        .map((name) => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('dashboard panels query only exported series', () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/dashboards/resync.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const unknown = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) =>
        referenced(target.expr)
          .filter((name) => !series.has(name))
          .map((name) => `${panel.title}: ${name}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('the operator guide (docs/operations.md) explains every resync_ metric', async () => {
    const readme = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
    const names = (await t.get<Metrics>(Metrics).registry.getMetricsAsJSON())
      .map((m) => m.name)
      .filter((name) => name.startsWith('resync_'));
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
