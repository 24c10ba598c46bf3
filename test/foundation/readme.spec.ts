import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './built-app';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** What the development-credentials block printed at start-up exports (startup-database.e2e-spec.ts checks the printing). */
const PRINTED_AT_STARTUP = ['KEY', 'ADMIN'];

function bashBlocks(): string[] {
  return [...README.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Shell variables a block reads ($NAME, ${NAME...}), outside comments and single quotes. */
function variablesUsed(block: string): string[] {
  const code = block
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').replace(/'[^']*'/g, "''"))
    .join('\n');
  return [...new Set([...code.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

describe('README', () => {
  it('has bash examples: the quick start and the curl walk (test/foundation/readme-walk.e2e-spec.ts runs it)', () => {
    expect(bashBlocks().length).toBeGreaterThanOrEqual(2);
    expect(README).toContain('### Try it with curl');
  });

  it('links only to files that exist in the repository', () => {
    const links = [...README.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
  });

  it('sets every shell variable its examples use, or says it comes from the start-up block', () => {
    const unset = bashBlocks().flatMap((block) => {
      const defined = [...block.matchAll(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
      return variablesUsed(block).filter((name) => !defined.includes(name) && !PRINTED_AT_STARTUP.includes(name));
    });
    expect(unset).toEqual([]);
  });

  it('tells the reader to paste the start-up exports before the examples that use them', () => {
    for (const name of PRINTED_AT_STARTUP) expect(README).toContain(`export ${name}=`);
    const firstUse = README.indexOf('Bearer $KEY" -H');
    expect(README.lastIndexOf('paste the two', firstUse)).toBeGreaterThan(0);
  });

  it('shows pictures that exist in the repository', () => {
    const images = [...README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(ROOT, image))).toBe(true);
  });

  it('says how to reach the embedded database with psql, through a script that exists', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(README).toMatch(/npm run psql/);
    expect(scripts.psql).toMatch(/cli\/psql\.js$/);
    expect(README).toContain('.data/postgres.credentials.json');
  });
});
