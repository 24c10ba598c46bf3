import { createTestDatabase, TestDatabase } from '@app/testing';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, killStartedApps, startApp, waitForHealth } from './app-process';
import { API_MAIN, buildApps, ROOT } from './built-app';
import { StartupFixture } from './startup-fixture';

const KEY = 'dev_walk_key_0123456789';
const ADMIN = 'admin_walk_token_0123456789';

interface Step {
  command: string;
  /** The answer the README shows under the command (`…` for what varies), if it shows one. */
  expected?: string;
}

/** The README's "Try it with curl" block, cut into commands, each with the answer shown under it. */
export function readmeWalk(readme: string): Step[] {
  const from = readme.indexOf('### Try it with curl');
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(from));
  if (from < 0 || !block) throw new Error('README.md has no "### Try it with curl" bash block');
  const steps: Step[] = [];
  let command: string[] = [];
  const flush = () => {
    if (command.length > 0) steps.push({ command: command.join('\n') });
    command = [];
  };
  for (const line of block[1].split('\n')) {
    const answer = /^# ([{[].*)$/.exec(line);
    if (answer) {
      flush();
      steps[steps.length - 1].expected = answer[1];
    } else if (line.startsWith('#') || line.trim() === '') {
      flush();
    } else {
      command.push(line);
      // A command ends with its line unless a single-quoted argument goes on (the batch's JSON).
      if ((command.join('\n').match(/'/g) ?? []).length % 2 === 0) flush();
    }
  }
  flush();
  return steps;
}

/** `…` matches anything; everything else literally, the whole answer. */
function answerPattern(expected: string): RegExp {
  const literal = expected.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*?')}$`, 's');
}

/**
 * The README's curl walk, run as written (only the port changed) against the built app on a fresh
 * database, with `npm run psql` on that database: every answer it shows must be the one given,
 * in the order written. A change that breaks the walk breaks this test.
 */
describe('README curl walk', () => {
  const fixture = new StartupFixture({
    prefix: 'resync-walk-',
    logLevel: 'warn',
    credentials: { API_KEYS: `DEV_001:${KEY}`, ADMIN_TOKEN: ADMIN },
  });
  let database: TestDatabase;
  let app: AppProcess;

  beforeAll(async () => {
    await buildApps();
    database = await createTestDatabase();
    app = startApp(API_MAIN, await fixture.env({ DATABASE_URL: database.url }), fixture.tempDir());
    await waitForHealth(app);
  }, 300_000);
  afterAll(async () => {
    await killStartedApps();
    await database?.drop();
    fixture.tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('has the walk: creates, status, update, history, a batch, the self-healing demo, delete, monitoring', () => {
    const steps = readmeWalk(readFileSync(join(ROOT, 'README.md'), 'utf8'));

    expect(steps.filter((step) => step.expected).length).toBeGreaterThanOrEqual(12);
    expect(steps.map((step) => step.command).join('\n')).toContain('npm run psql');
  });

  it('answers every command as the README shows, in the order written', async () => {
    const steps = readmeWalk(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const marker = (i: number) => `@@step ${i}@@`;
    const script = steps
      .map(
        (step, i) => `${step.command.replaceAll('localhost:3000', `localhost:${app.port}`)}\necho\necho '${marker(i)}'`,
      )
      .join('\n');

    const output = await bash(script, { KEY, ADMIN, DATABASE_URL: database.url });

    const answers = steps.map((_, i) => {
      const start = i === 0 ? 0 : output.indexOf(marker(i - 1)) + marker(i - 1).length;
      return output.slice(start, output.indexOf(marker(i))).trim();
    });
    const checked = steps.flatMap((step, i) =>
      step.expected
        ? [{ command: step.command, answer: answers[i], matches: answerPattern(step.expected).test(answers[i]) }]
        : [],
    );
    expect(checked.filter((step) => !step.matches)).toEqual([]);
  }, 120_000);
});

/** Runs `script` in bash in the checkout, failing on the first command that fails. */
function bash(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-e', '-c', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`The walk failed (exit ${code}):\n${output}\n${errors}`)),
    );
  });
}
