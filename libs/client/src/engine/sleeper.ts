/** Timers the sync loop waits on: woken early by a local write, ended by an abort. */
export class Sleeper {
  private wakers = new Set<() => void>();

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((done) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.wakers.delete(finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      signal.addEventListener('abort', finish);
      this.wakers.add(finish);
    });
  }

  wake(): void {
    for (const wake of [...this.wakers]) wake();
  }
}
