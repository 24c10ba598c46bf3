import type { Emitter } from '../emitter.js';
import type { ResyncStore } from '../store.js';
import type { Transport } from '../transport/http-transport.js';
import type { AuditReport, PullReport, SyncReport } from '../types.js';
import { Auditor } from './auditor.js';
import { Checker } from './checker.js';
import { EngineContext, EngineOptions, Run } from './context.js';
import { Pacer } from './pacer.js';
import { Puller, PullOptions } from './puller.js';
import { OnConflict, Resolver } from './resolver.js';
import type { Sleeper } from './sleeper.js';
import { Pusher } from './pusher.js';
import { Tables } from './tables.js';

export type { EngineOptions } from './context.js';

export interface EngineParts {
  pull: PullOptions;
  onConflict?: OnConflict;
}

/**
 * The state machine of the queue. A run pushes every due `pending` change (batches per table, a
 * few in flight, each record's changes in order), then asks the status of every due `sent` change,
 * and repeats until nothing is left but rejected changes. Temporary failures pause all requests
 * on the client's own timer (backoff, or the server's Retry-After); nothing waits for the app.
 */
export class SyncEngine {
  private run?: Run;
  private readonly pacer: Pacer;
  private readonly pusher: Pusher;
  private readonly checker: Checker;
  private readonly auditor: Auditor;
  private readonly puller: Puller;
  readonly tables: Tables;

  constructor(
    private readonly store: ResyncStore,
    transport: Transport,
    events: Emitter,
    options: EngineOptions,
    parts: EngineParts,
  ) {
    this.pacer = new Pacer(events, options);
    this.tables = new Tables(store);
    const ctx = { store, transport, events, options, pacer: this.pacer, tables: this.tables } as EngineContext;
    ctx.resolver = new Resolver(ctx, parts.onConflict, (count) => this.notify(count));
    this.pusher = new Pusher(ctx);
    this.checker = new Checker(ctx);
    this.auditor = new Auditor(ctx, () => this.notify(1));
    this.puller = new Puller(ctx, parts.pull);
  }

  /** The timer the loop sleeps on; a local write wakes it. */
  get sleeper(): Sleeper {
    return this.pacer.sleeper;
  }

  /** New local changes: a running sync counts them and a sleeping one wakes up. */
  notify(count: number): void {
    if (this.run) this.run.total += count;
    this.pacer.sleeper.wake();
  }

  /** Pushes until nothing is due, pulls, and again while the pull left something to push. */
  async sync(signal: AbortSignal): Promise<SyncReport> {
    const counts = await this.store.counts();
    const run = (this.run = new Run(counts.pending + counts.sent));
    try {
      // A device's first sync pulls before it pushes: it learns whether the server reads base_ver
      // and which tables are shared, and its changes are based on what the server holds.
      if (!(await this.tables.multiDevice())) await this.puller.pull(signal);
      while (!signal.aborted) {
        await this.drain(run, signal);
        if (signal.aborted) break;
        await this.puller.pull(signal);
        if ((await this.store.nextDue()) === null) break;
      }
    } finally {
      this.run = undefined;
    }
    const left = await this.store.counts();
    run.report.pending = left.pending + left.sent;
    return run.report;
  }

  /** Pulls on its own: first asks the status of changes whose answer is unknown, so none is rebased in doubt. */
  async pull(signal: AbortSignal): Promise<PullReport> {
    const run = new Run(0);
    if (!this.pacer.paused()) await this.checker.checkSent(run, signal);
    return this.puller.pull(signal);
  }

  /** Pushes and reconciles until no change is due (rejected ones aside). */
  private async drain(run: Run, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (this.pacer.paused()) {
        await this.pacer.sleepOut(signal);
        continue;
      }
      const pushed = await this.pusher.pushDue(run, signal);
      const checked = await this.checker.checkSent(run, signal);
      if (pushed || checked) continue;
      const next = await this.store.nextDue();
      if (next === null) break;
      await this.pacer.sleeper.sleep(Math.max(next, this.pacer.until) - this.pacer.now(), signal);
    }
  }

  /** See Auditor: heals records whose history the server lost. */
  audit(table: string | undefined, signal: AbortSignal): Promise<Pick<AuditReport, 'checked' | 'healed'>> {
    return this.auditor.audit(table, signal);
  }
}
