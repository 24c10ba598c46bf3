import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './built-app';

const semver = require('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/**
 * `npm ci` warns (EBADENGINE) about every installed package whose `engines.node` excludes the
 * running Node. The project supports Node 20 (package.json engines, the Docker image): every
 * locked package must accept the oldest Node that range allows.
 */
describe('package-lock.json against engines.node', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('supports Node 20', () => {
    expect(oldest).toMatch(/^20\./);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:20-slim/m);
  });

  it('holds no package that would make npm ci warn on the oldest supported Node', () => {
    const refusing = Object.entries(lock.packages)
      .filter(
        ([path, p]) =>
          path !== '' && !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(oldest, p.engines.node),
      )
      .map(
        ([path, p]) =>
          `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`,
      );
    expect(refusing).toEqual([]);
  });
});
