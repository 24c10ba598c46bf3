/**
 * A background loop (the outbox dispatcher, the asynchronous ingest workers): runs `pass` again at
 * once while it finds work and after `intervalMs` when it does not; a pass that throws is reported
 * and the loop goes on. `wake()` ends the waits early. `stop()` cancels what is scheduled and waits
 * for the passes in flight.
 */
export class WorkLoop {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    /** One pass; true when it found work (so the next one starts at once). */
    private readonly pass: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Starts `loops` independent loops. */
  start(loops = 1): void {
    for (let i = 0; i < loops; i++) this.schedule(0);
  }

  /**
   * Runs the loops that are waiting out their interval now (a NOTIFY said there is work); loops
   * in the middle of a pass are left alone: they go straight on if they find work.
   */
  wake(): void {
    const sleeping = [...this.timers];
    for (const timer of sleeping) {
      clearTimeout(timer);
      this.timers.delete(timer);
      this.schedule(0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.once().finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }

  private async once(): Promise<void> {
    let delay = this.intervalMs;
    try {
      if (await this.pass()) delay = 0;
    } catch (error) {
      this.onError(error as Error);
    } finally {
      this.schedule(delay);
    }
  }
}
