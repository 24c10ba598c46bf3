// The simulated store apps as child processes (so each one's memory can be measured on its own),
// each driven through IPC by request/answer messages.
const { fork } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

class ClientProcess {
  /** `clientModule`: another build of @resync/client to load (see client-adapter.js). */
  constructor(clientId, clientModule) {
    this.clientId = clientId;
    // A build outside the repository finds its peer dependency (better-sqlite3) in the repository's.
    const env = clientModule
      ? { ...process.env, RESYNC_SIM_CLIENT: clientModule, NODE_PATH: join(__dirname, '..', 'node_modules') }
      : process.env;
    this.child = fork(join(__dirname, 'client-process.js'), [], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.waiting = new Map();
    this.next = 0;
    this.child.on('message', ({ id, ok, result, error }) => {
      const call = this.waiting.get(id);
      this.waiting.delete(id);
      if (ok) call?.resolve(result);
      else call?.reject(new Error(`${this.clientId}: ${error}`));
    });
    this.child.on('exit', (code, signal) => {
      for (const call of this.waiting.values())
        call.reject(new Error(`${this.clientId}: client process exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  call(command, args) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, command, args });
    });
  }

  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakMemoryMiB() {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  }

  async close() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

module.exports = { ClientProcess };
