import type { ChildProcess } from 'node:child_process';

/**
 * Follows a child process's output line by line: `waitFor` resolves with the first line that
 * passes the test, or fails with everything it printed if the child exits first.
 */
export function watchLines(child: ChildProcess) {
  let output = '';
  const lines: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    lines.push(...chunk.toString().split('\n').filter(Boolean));
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const waitFor = (test: (line: string) => boolean) =>
    new Promise<string>((done, fail) => {
      const timer = setInterval(() => {
        const found = lines.find(test);
        if (found || child.exitCode !== null) clearInterval(timer);
        if (found) done(found);
        else if (child.exitCode !== null) fail(new Error(`child exited ${child.exitCode} first:\n${output}`));
      }, 5);
    });
  return { waitFor, exited, output: () => output };
}
