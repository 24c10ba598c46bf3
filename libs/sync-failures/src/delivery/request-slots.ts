/**
 * At most `size` requests to the external system in flight per instance, shared by every round
 * (the dispatcher's and the retries', which run side by side so that one round's database work
 * overlaps another's requests). A request's timeout starts once it holds a slot, never while it
 * waits for one.
 */
export class RequestSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Runs `work` in a slot; undefined, without running it, if `stopped()` is true once a slot is free. */
  async run<R>(work: () => Promise<R>, stopped: () => boolean): Promise<R | undefined> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((granted) => this.waiting.push(granted));
    try {
      return stopped() ? undefined : await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
