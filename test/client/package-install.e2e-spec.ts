import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TEST_CLIENTS, TestApp } from '@app/testing';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLIENT = join(ROOT, 'libs/client');
/** What better-sqlite3 needs at run time (prebuild-install, its other dependency, is for installing). */
const SQLITE_PACKAGES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

/** The fenced block of `language` that follows `marker` in the client's README. */
function snippet(marker: string, language: string): string {
  const readme = readFileSync(join(CLIENT, 'README.md'), 'utf8');
  const from = readme.indexOf(marker);
  if (from < 0) throw new Error(`"${marker}" is not in libs/client/README.md`);
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme.slice(from));
  if (!block) throw new Error(`No \`\`\`${language} block after "${marker}"`);
  return block[1];
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

/**
 * @resync/client as a user gets it: `npm pack` of libs/client, installed into a new project
 * outside the repository (`npm init -y`: a CommonJS package), with better-sqlite3 in the project's
 * own node_modules, and the README's quick starts run as pasted against the API. Each must
 * confirm its changes (two devices: converge) and exit by itself.
 */
describe('@resync/client installed from its tarball', () => {
  let t: TestApp;
  let url: string;
  let project: string;

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    project = mkdtempSync(join(tmpdir(), 'resync-client-user-'));
    // prepack builds dist/ first: a tarball without it would install and then fail to import.
    execFileSync('npm', ['pack', '--pack-destination', project], { cwd: CLIENT, stdio: 'ignore' });
    const tarball = readdirSync(project).find((file) => file.endsWith('.tgz'))!;
    execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' });
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${tarball}`], {
      cwd: project,
      stdio: 'ignore',
    });
    // As `npm install better-sqlite3` would put it, without compiling it again (that takes about
    // 5 minutes on two cores; it was checked by hand with the registry's package).
    for (const name of SQLITE_PACKAGES) {
      cpSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name), { recursive: true });
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('installs as a copy with its own files, not a link into the repository', () => {
    const installed = realpathSync(join(project, 'node_modules/@resync/client'));

    expect(installed.startsWith(realpathSync(project))).toBe(true);
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json']);
  });

  it.each([
    ['ES modules', '**ES modules**', 'js', 'quick-start.mjs', 3],
    ['CommonJS', '**CommonJS**', 'cjs', 'quick-start.cjs', 2],
  ])(
    'runs the %s quick start as pasted: it confirms its changes and exits',
    async (_kind, marker, language, file, n) => {
      writeFileSync(join(project, file), snippet(marker, language));

      const result = await run(process.execPath, [file], project, { KEY: TEST_CLIENTS.MTY.key, RESYNC_URL: url });

      expect(result).toEqual({ code: 0, output: expect.stringContaining(`confirmed: ${n}`) });
      expect(result.output).toContain('pending: 0');
      expect(result.output).toContain('rejected: 0');
    },
    60_000,
  );

  it('runs the two-device quick start as pasted: one conflict reported, both devices end the same', async () => {
    writeFileSync(join(project, 'two-devices.mjs'), snippet('**Two devices**', 'js'));

    const result = await run(process.execPath, ['two-devices.mjs'], project, {
      KEY: TEST_CLIENTS.MTY.key,
      RESYNC_URL: url,
    });

    expect(result).toEqual({
      code: 0,
      output: expect.stringMatching(/^till 2: its change to sale-\d+ lost, it now has the server's v2\nconverged /),
    });
    expect(result.output).toContain("data: { total: 12, status: 'open' }");
    expect(result.output.match(/ver: 2/g)).toHaveLength(2);
  }, 60_000);
});
