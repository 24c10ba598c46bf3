import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const { buildDecision, writeStamp, OUTPUTS } = require('../../scripts/build-if-stale.js') as {
  buildDecision(root: string): { build: boolean; reason: string };
  writeStamp(root: string): void;
  OUTPUTS: string[];
};

/** A project with sources, every build output and (once `stamp` runs) a stamp of those sources. */
function project(): { root: string; write(file: string, text: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'resync-stale-'));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('package-lock.json', '{}');
  write('prisma/schema.prisma', 'model A { id Int @id }');
  write('apps/api/src/main.ts', 'export {};');
  write('libs/ingest/src/ingest.service.ts', 'export const a = 1;');
  write('libs/ingest/src/ingest.service.spec.ts', 'it("x", () => undefined);');
  for (const output of OUTPUTS) write(output, '');
  return { root, write };
}

describe('build-if-stale', () => {
  let root: string;
  let write: (file: string, text: string) => void;
  beforeEach(() => ({ root, write } = project()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('does not rebuild a second time when nothing changed since the build', () => {
    writeStamp(root);

    expect(buildDecision(root)).toEqual({ build: false, reason: 'the build is current' });
    expect(buildDecision(root).build).toBe(false);
  });

  it.each([
    ['a library source', 'libs/ingest/src/ingest.service.ts'],
    ['an app source', 'apps/api/src/main.ts'],
    ['the Prisma schema', 'prisma/schema.prisma'],
    ['the lock file', 'package-lock.json'],
    ['a new source file', 'libs/ingest/src/new.ts'],
  ])('rebuilds when %s changed', (_what, file) => {
    writeStamp(root);
    write(file, '// changed');

    expect(buildDecision(root)).toEqual({ build: true, reason: 'sources changed since the last build' });
  });

  it('does not rebuild for a touched file with the same content, nor for a changed test', () => {
    writeStamp(root);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'apps/api/src/main.ts'), later, later);
    write('libs/ingest/src/ingest.service.spec.ts', 'it("y", () => undefined);');

    expect(buildDecision(root).build).toBe(false);
  });

  it('builds when an output is missing or there is no stamp', () => {
    expect(buildDecision(root)).toEqual({ build: true, reason: expect.stringContaining('no build stamp') });
    writeStamp(root);
    rmSync(join(root, OUTPUTS[0]));

    expect(buildDecision(root)).toEqual({ build: true, reason: `${OUTPUTS[0]} is missing` });
  });
});
