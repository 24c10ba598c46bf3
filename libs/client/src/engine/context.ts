import type { Emitter } from '../emitter.js';
import type { ResyncStore } from '../store.js';
import type { Transport } from '../transport/http-transport.js';
import type { SyncReport } from '../types.js';
import type { Pacer, PacerOptions } from './pacer.js';
import type { Resolver } from './resolver.js';
import type { Tables } from './tables.js';

export interface EngineOptions extends PacerOptions {
  batchSize: number;
  statusBatchSize: number;
  concurrency: number;
  maxSameErrors: number;
}

/** What every part of the engine works with: the queue, the server, the app's events and the shared pause. */
export interface EngineContext {
  store: ResyncStore;
  transport: Transport;
  events: Emitter;
  options: EngineOptions;
  pacer: Pacer;
  tables: Tables;
  resolver: Resolver;
}

/** Counters of one run of sync(). */
export class Run {
  readonly report: SyncReport = { pushed: 0, confirmed: 0, resent: 0, rejected: 0, pending: 0 };
  sent = 0;
  constructor(public total: number) {}

  /** Tells the app how far the run is (the `progress` event). */
  progress(events: Emitter): void {
    events.emit('progress', { sent: this.sent, confirmed: this.report.confirmed, total: this.total });
  }
}
