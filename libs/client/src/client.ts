import { pendingChange, rejectedChange } from './changes.js';
import { engineOptions, engineParts, ResyncClientOptions, StartOptions } from './client-options.js';
import { Emitter, Listener, ResyncEvents } from './emitter.js';
import { SyncEngine } from './engine/sync-engine.js';
import { ResyncAuthError, ResyncClosedError } from './errors.js';
import { LocalChange, toNewChange } from './local-change.js';
import type { ResyncStore } from './store.js';
import { MemoryStore } from './stores/memory-store.js';
import { Credential } from './transport/credential.js';
import { changeEvent } from './stores/plans.js';
import { HttpTransport, Transport } from './transport/http-transport.js';
import type {
  AuditReport,
  Conflict,
  LocalRecord,
  PendingChange,
  PullReport,
  QueueCounts,
  QueueEntry,
  RecordInput,
  RecordMeta,
  RejectedChange,
  SyncReport,
} from './types.js';

export type { ResyncClientOptions, StartOptions } from './client-options.js';
export type { LocalChange } from './local-change.js';

/**
 * The client half of the resync protocol: writes go into a durable queue at once (offline is
 * fine) and are pushed, confirmed, resent or rejected by sync(), or by the background loop.
 */
export class ResyncClient {
  private readonly store: ResyncStore;
  private readonly events = new Emitter();
  private readonly engine: SyncEngine;
  private readonly credential: Credential;
  private current?: { promise: Promise<SyncReport>; controller: AbortController };
  private pulling?: Promise<PullReport>;
  private loop?: { controller: AbortController; done: Promise<void> };
  private closed = false;
  private readonly closing = new AbortController();
  private readonly now: () => number;
  private device?: Promise<string>;

  constructor(options: ResyncClientOptions) {
    if (!options.baseUrl) throw new TypeError('baseUrl is required');
    if (!options.apiKey === !options.token) throw new TypeError('Give apiKey or token (one of them)');
    this.credential = new Credential((options.token ?? options.apiKey)!);
    this.store = options.store ?? new MemoryStore();
    this.now = options.now ?? Date.now;
    const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (!fetchImpl) throw new TypeError('No fetch: pass options.fetch');
    const transport: Transport = new HttpTransport({
      baseUrl: options.baseUrl,
      credential: this.credential,
      fetch: fetchImpl,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      now: this.now,
      preferAsync: options.preferAsync ?? false,
      deviceId: () => this.deviceId(),
      sendBaseVer: () => this.engine.tables.multiDeviceNow,
    });
    this.engine = new SyncEngine(
      this.store,
      transport,
      this.events,
      engineOptions(options, this.now),
      engineParts(options),
    );
  }

  /** This device's id (`X-Device-Id`), made once and kept in the store. */
  deviceId(): Promise<string> {
    this.device ??= this.store.deviceId();
    return this.device;
  }

  /** Queues a CREATE of `record` (which has `id`) at the record's next version. No network. */
  create(table: string, record: RecordInput): Promise<QueueEntry> {
    return this.write([{ op: 'CREATE', table, record }]).then(([entry]) => entry);
  }

  /** Queues an UPDATE: `record` is the whole record (the server replaces its fields). */
  update(table: string, record: RecordInput): Promise<QueueEntry> {
    return this.write([{ op: 'UPDATE', table, record }]).then(([entry]) => entry);
  }

  /** Queues a DELETE. */
  delete(table: string, id: string): Promise<QueueEntry> {
    return this.write([{ op: 'DELETE', table, id }]).then(([entry]) => entry);
  }

  /** Queues several changes in one atomic store write (all or none), in order. */
  async write(changes: LocalChange[]): Promise<QueueEntry[]> {
    this.assertOpen();
    const news = changes.map(toNewChange);
    await this.engine.tables.assertWritable(new Set(news.map((c) => c.table)));
    const entries = await this.store.enqueue(news, this.now());
    this.engine.notify(entries.length);
    for (const entry of entries) this.events.emit('change', changeEvent({ ...entry, open: 1, epoch: 0 }, 'local'));
    return entries;
  }

  /**
   * Pushes everything pending, then reconciles, until nothing is left but rejected changes.
   * Temporary failures are retried on the client's own timer meanwhile. Rejects (and emits
   * `error`) on 401/403. Calls while a sync runs share it.
   */
  sync(): Promise<SyncReport> {
    this.assertOpen();
    if (this.current) return this.current.promise;
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, this.closing.signal]);
    // A running pull() finishes first: the two never work on the store at once.
    const pulling = this.pulling?.catch(() => undefined) ?? Promise.resolve();
    const promise = pulling
      .then(() => this.engine.sync(signal))
      .catch((error: unknown) => {
        this.events.emit('error', error as Error);
        if (error instanceof ResyncAuthError) this.stop();
        throw error;
      });
    const current = { promise, controller };
    this.current = current;
    const clear = () => {
      if (this.current === current) this.current = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  /**
   * Pulls the change feed of every synced table (or the `tables` option's) into the store, after
   * asking the status of changes whose answer is unknown. sync() pulls too, after pushing.
   */
  async pull(): Promise<PullReport> {
    this.assertOpen();
    if (this.pulling) return this.pulling;
    const run = async () => {
      await this.current?.promise.catch(() => undefined);
      return this.engine.pull(this.closing.signal);
    };
    const pulling = run().catch((error: unknown) => {
      this.events.emit('error', error as Error);
      throw error;
    });
    this.pulling = pulling;
    const clear = () => {
      if (this.pulling === pulling) this.pulling = undefined;
    };
    pulling.then(clear, clear);
    return pulling;
  }

  /** A record as the store holds it (pending local changes included), or null when absent or deleted. */
  async get(table: string, id: string): Promise<LocalRecord | null> {
    const record = await this.store.record(table, id);
    return record && record.op !== 'DELETE' ? localRecord(record) : null;
  }

  /** A page of a table's live records, by id: `after` is the last id of the previous page. */
  async list(table: string, options: { limit?: number; after?: string } = {}): Promise<LocalRecord[]> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    const found: LocalRecord[] = [];
    let after = options.after === undefined ? undefined : { table, id: options.after };
    while (found.length < limit) {
      const want = limit - found.length;
      const page = await this.store.records({ table, after, limit: want });
      for (const record of page) if (record.op !== 'DELETE') found.push(localRecord(record));
      if (page.length < want) break;
      after = page[page.length - 1];
    }
    return found;
  }

  /** Conflicts the client handled with the default (the server's state kept), until cleared. */
  conflicts(filter: { table?: string; id?: string } = {}): Promise<Conflict[]> {
    return this.store.conflicts(filter);
  }

  /** Forgets the conflicts of a record (of a whole table without `id`); resolves with how many. */
  clearConflict(table: string, id?: string): Promise<number> {
    return this.store.clearConflicts(table, id);
  }

  /**
   * Full reconcile: asks the status of every record the store knows (or those of `table`) at its
   * current version, queues again, under the same version, each one the server does not report
   * COMPLETED, then syncs. Heals histories lost on the server (deleted operations, lost rows).
   */
  async audit(table?: string): Promise<AuditReport> {
    this.assertOpen();
    let healed: Pick<AuditReport, 'checked' | 'healed'>;
    try {
      healed = await this.engine.audit(table, this.closing.signal);
    } catch (error) {
      this.events.emit('error', error as Error);
      throw error;
    }
    const report = await this.sync();
    return { ...report, ...healed };
  }

  /** Changes not yet confirmed COMPLETED (pending or sent), oldest first, with their last error. */
  async pending(
    filter: { table?: string; id?: string; limit?: number; afterSeq?: number } = {},
  ): Promise<PendingChange[]> {
    const entries = await this.store.entries({ ...filter, states: ['pending', 'sent'] });
    return entries.map(pendingChange);
  }

  /** Changes the server kept refusing, with its reason. */
  async rejected(
    filter: { table?: string; id?: string; limit?: number; afterSeq?: number } = {},
  ): Promise<RejectedChange[]> {
    const entries = await this.store.entries({ ...filter, states: ['rejected'] });
    return entries.map((e) => rejectedChange(e, e.lastError ?? 'ERROR'));
  }

  /** How many changes are pending, sent (awaiting their status) and rejected. */
  counts(): Promise<QueueCounts> {
    return this.store.counts();
  }

  /**
   * Puts a record's rejected changes back in the queue, under the same versions (after the cause
   * was fixed on the server, say). With `fixed`, the rejected changes are replaced: they are
   * removed and `fixed` is queued as an UPDATE at the record's next version.
   */
  async resubmit(table: string, id: string, fixed?: RecordInput): Promise<number> {
    this.assertOpen();
    const rejected = await this.store.entries({ states: ['rejected'], table, id });
    if (rejected.length === 0) return 0;
    if (fixed) {
      if (fixed.id !== id) throw new TypeError('The fixed record must have the same id');
      // Made on what the server had when the first rejected change was written.
      const change = { ...toNewChange({ op: 'UPDATE', table, record: fixed }), baseVer: rejected[0].baseVer };
      await this.engine.tables.assertWritable([table]);
      await this.store.remove(rejected.map((e) => e.seq));
      const [entry] = await this.store.enqueue([change], this.now());
      this.engine.notify(1);
      this.events.emit('change', changeEvent({ ...entry, open: 1, epoch: 0 }, 'local'));
      return rejected.length;
    }
    await this.store.update(
      rejected.map((e) => ({ seq: e.seq, state: 'pending', errorCount: 0, lastError: null, notBefore: this.now() })),
    );
    this.engine.notify(rejected.length);
    return rejected.length;
  }

  on<K extends keyof ResyncEvents>(event: K, listener: Listener<ResyncEvents[K]>): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof ResyncEvents>(event: K, listener: Listener<ResyncEvents[K]>): void {
    this.events.off(event, listener);
  }

  /** Syncs in the background: at once, after every local write, and every `intervalMs` when idle. */
  start(options: StartOptions = {}): void {
    this.assertOpen();
    if (this.loop) return;
    const intervalMs = options.intervalMs ?? 5_000;
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, this.closing.signal]);
    const run = async () => {
      while (!signal.aborted) {
        try {
          await this.sync();
        } catch (error) {
          if (error instanceof ResyncAuthError || this.closed) return;
        }
        await this.engine.sleeper.sleep(intervalMs, signal);
      }
    };
    this.loop = { controller, done: run() };
  }

  /** Stops the background loop (a running sync stops after its current requests). */
  stop(): void {
    if (!this.loop) return;
    this.loop.controller.abort();
    this.current?.controller.abort();
    this.loop = undefined;
  }

  /**
   * Uses another key from now on (after a 401, say); call start() or sync() again. With a `token`
   * function, the given token is used until the next 401, when the function is asked again.
   */
  setApiKey(apiKey: string): void {
    if (!apiKey) throw new TypeError('apiKey is required');
    this.credential.set(apiKey);
  }

  /** Stops everything and closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    const loop = this.loop;
    this.stop();
    this.closed = true;
    this.closing.abort();
    await Promise.allSettled([this.current?.promise, loop?.done]);
    await this.store.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new ResyncClosedError();
  }
}

function localRecord(record: RecordMeta): LocalRecord {
  return { id: record.id, ver: record.ver, data: record.data ?? {}, pending: record.open > 0 };
}
