// The HTTP floor (bench/floor/server.js) as a child process, like the app: its own port and
// database, output to bench/out/floor.log.
const { spawn } = require('node:child_process');
const { closeSync, openSync } = require('node:fs');
const { join } = require('node:path');
const { API_KEY, NODE_FLAGS, POOL_SIZE } = require('./app');
const { OUT } = require('./log');
const { freePort } = require('./postgres');

async function startFloor(databaseUrl) {
  const port = await freePort();
  const logFile = join(OUT, 'floor.log');
  const out = openSync(logFile, 'w');
  // Run with the app's Node flags: the floor is compared with the app, not with its settings.
  const child = spawn(process.execPath, [...NODE_FLAGS, join(__dirname, '..', 'floor', 'server.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      API_KEY,
      POOL_SIZE: String(POOL_SIZE),
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  process.on('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the HTTP floor server did not start (${logFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { startFloor };
