import type { Emitter } from '../emitter.js';
import { ResyncAuthError } from '../errors.js';
import type { ResyncStore } from '../store.js';
import type { Outcome, Transport } from '../transport/http-transport.js';
import type { AuditReport, EntryPatch, QueueEntry, SyncReport } from '../types.js';
import { backoffDelay, BackoffOptions, Random } from './backoff.js';
import { Chunk, chunksOf, inParallel, planLanes, settleAll } from './batching.js';
import { Sleeper } from './sleeper.js';

export interface EngineOptions {
  batchSize: number;
  statusBatchSize: number;
  concurrency: number;
  maxSameErrors: number;
  backoff: BackoffOptions;
  /** Cap on a server's Retry-After (ms). */
  maxRetryAfterMs: number;
  random: Random;
  now: () => number;
}

/** Counters of one run of sync(). */
class Run {
  readonly report: SyncReport = { pushed: 0, confirmed: 0, resent: 0, rejected: 0, pending: 0 };
  sent = 0;
  constructor(public total: number) {}
}

/**
 * The state machine of the queue. A run pushes every due `pending` change (batches per table, a
 * few in flight, each record's changes in order), then asks the status of every due `sent` change,
 * and repeats until nothing is left but rejected changes. Temporary failures pause all requests
 * on the client's own timer (backoff, or the server's Retry-After); nothing waits for the app.
 */
export class SyncEngine {
  private pauseUntil = 0;
  private failuresInARow = 0;
  private run?: Run;
  readonly sleeper = new Sleeper();

  constructor(
    private readonly store: ResyncStore,
    private readonly transport: Transport,
    private readonly events: Emitter,
    private readonly options: EngineOptions,
  ) {}

  /** New local changes: a running sync counts them and a sleeping one wakes up. */
  notify(count: number): void {
    if (this.run) this.run.total += count;
    this.sleeper.wake();
  }

  async sync(signal: AbortSignal): Promise<SyncReport> {
    const counts = await this.store.counts();
    const run = (this.run = new Run(counts.pending + counts.sent));
    try {
      while (!signal.aborted) {
        if (this.paused()) {
          await this.sleeper.sleep(this.pauseUntil - this.now(), signal);
          continue;
        }
        const pushed = await this.pushDue(run, signal);
        const checked = await this.checkSent(run, signal);
        if (pushed || checked) continue;
        const next = await this.store.nextDue();
        if (next === null) break;
        await this.sleeper.sleep(Math.max(next, this.pauseUntil) - this.now(), signal);
      }
    } finally {
      this.run = undefined;
    }
    const left = await this.store.counts();
    run.report.pending = left.pending + left.sent;
    return run.report;
  }

  /**
   * Asks the status of the current version of every record the store knows that has no open
   * change (those are the queue's business) and queues again, under the same version, each
   * record the server does not report COMPLETED: its history is then recreated by the next push.
   */
  async audit(table: string | undefined, signal: AbortSignal): Promise<Pick<AuditReport, 'checked' | 'healed'>> {
    let checked = 0;
    let healed = 0;
    let after: { table: string; id: string } | undefined;
    const pageSize = this.options.statusBatchSize * this.options.concurrency;
    for (;;) {
      const page = await this.store.records({ table, after, limit: pageSize });
      if (page.length === 0) break;
      after = page[page.length - 1];
      const idle = page.filter((r) => r.open === 0);
      const byTable = new Map<string, typeof idle>();
      for (const record of idle) byTable.set(record.table, [...(byTable.get(record.table) ?? []), record]);
      const chunks = [...byTable].flatMap(([name, records]) =>
        splitEvery(records, this.options.statusBatchSize).map((list) => ({ table: name, records: list })),
      );
      await inParallel(chunks, this.options.concurrency, async (chunk) => {
        const outcome = await this.untilAnswered(
          () => this.transport.status(chunk.table, chunk.records, signal),
          signal,
        );
        if (!outcome || !Array.isArray(outcome.results) || outcome.results.length !== chunk.records.length) return;
        checked += chunk.records.length;
        for (const [i, answer] of outcome.results.entries()) {
          const record = chunk.records[i];
          if (answer.status === 'COMPLETED') continue;
          const requeued = await this.store.requeue(
            record.table,
            record.id,
            answer.status === 'PROCESSING' ? 'sent' : 'pending',
            this.now(),
          );
          if (requeued) {
            healed += answer.status === 'PROCESSING' ? 0 : 1;
            this.notify(1);
          }
        }
      });
      if (signal.aborted) break;
    }
    return { checked, healed };
  }

  private async pushDue(run: Run, signal: AbortSignal): Promise<boolean> {
    let afterSeq = 0;
    let any = false;
    const pageSize = this.options.batchSize * this.options.concurrency;
    while (!signal.aborted && !this.paused()) {
      const page = await this.store.due('pending', this.now(), afterSeq, pageSize);
      if (page.length === 0) break;
      any = true;
      afterSeq = page[page.length - 1].seq;
      // Lanes run in parallel; the page is a barrier, so a record's later changes on the next
      // page never overtake its earlier ones.
      const lanes = planLanes(page, this.options.concurrency, this.options.batchSize);
      await settleAll(
        lanes.map(async (lane) => {
          for (const chunk of lane) {
            if (signal.aborted || this.paused()) return;
            await this.push(chunk, run, signal, true);
          }
        }),
      );
    }
    return any;
  }

  private async push(chunk: Chunk, run: Run, signal: AbortSignal, count: boolean): Promise<void> {
    const { table, entries } = chunk;
    // Marked sent before the request: after a crash the answer is unknown, so status comes first.
    await this.store.update(
      entries.map((e) => ({ seq: e.seq, state: 'sent', attempts: e.attempts + 1, notBefore: this.now() })),
    );
    if (count) {
      for (const e of entries) run.report[e.attempts === 0 ? 'pushed' : 'resent'] += 1;
      run.sent += entries.length;
    }
    for (const e of entries) e.attempts += 1;
    const outcome = await this.transport.batch(table, entries, signal);
    switch (outcome.kind) {
      case 'ok':
        if (await this.applyResults(entries, outcome.body?.results, run)) this.succeeded();
        else {
          // An answer that does not match the request confirms nothing: wait, then status will tell.
          const until = this.pause({
            kind: 'temporary',
            message: 'The batch answer does not match the request',
            retryAfterMs: null,
          });
          await this.store.update(entries.map((e) => ({ seq: e.seq, notBefore: until })));
        }
        break;
      case 'too-large':
        this.succeeded();
        if (entries.length > 1) await this.pushHalves(chunk, run, signal);
        else await this.refuse([[entries[0], 'Request too large (HTTP 413)']], run);
        break;
      case 'refused':
        this.succeeded();
        // A refused envelope is split until the entry that causes it is alone.
        if (entries.length > 1 && (outcome.status === 400 || outcome.status === 422))
          await this.pushHalves(chunk, run, signal);
        else
          await this.refuse(
            entries.map((e) => [e, `HTTP ${outcome.status}: ${outcome.message}`]),
            run,
          );
        break;
      case 'auth':
        await this.store.update(entries.map((e) => ({ seq: e.seq, state: 'pending', notBefore: this.now() })));
        throw new ResyncAuthError(outcome.status, outcome.message);
      case 'temporary': {
        const until = this.pause(outcome);
        // 429 was not applied: push again. Anything else may have been: ask its status first.
        const state = outcome.status === 429 ? 'pending' : 'sent';
        await this.store.update(entries.map((e) => ({ seq: e.seq, state, notBefore: until })));
        break;
      }
    }
    this.progress(run);
  }

  private async pushHalves(chunk: Chunk, run: Run, signal: AbortSignal): Promise<void> {
    const middle = Math.ceil(chunk.entries.length / 2);
    for (const half of [chunk.entries.slice(0, middle), chunk.entries.slice(middle)]) {
      if (signal.aborted || this.paused()) {
        await this.store.update(half.map((e) => ({ seq: e.seq, state: 'pending', notBefore: this.pauseUntil })));
        continue;
      }
      await this.push({ table: chunk.table, entries: half }, run, signal, false);
    }
  }

  /** False when the answer does not match the request (then nothing is taken from it). */
  private async applyResults(
    entries: QueueEntry[],
    results: { id: string | null; status: string; error?: string }[] | undefined,
    run: Run,
  ): Promise<boolean> {
    if (
      !Array.isArray(results) ||
      results.length !== entries.length ||
      results.some((r, i) => typeof r !== 'object' || r === null || (r.id !== null && r.id !== entries[i].id))
    ) {
      return false;
    }
    const confirmed: number[] = [];
    const refused: [QueueEntry, string][] = [];
    const later: EntryPatch[] = [];
    results.forEach((result, i) => {
      const entry = entries[i];
      if (result.status === 'COMPLETED') confirmed.push(entry.seq);
      else if (result.status === 'ERROR') refused.push([entry, result.error ?? 'ERROR']);
      // Accepted but not applied yet (QUEUED, PROCESSING): stays sent, its status is asked later.
      else
        later.push({
          seq: entry.seq,
          checks: entry.checks + 1,
          notBefore: this.now() + backoffDelay(entry.checks + 1, this.options.backoff, this.options.random),
        });
    });
    await this.confirm(confirmed, run);
    await this.refuse(refused, run);
    await this.store.update(later);
    return true;
  }

  /** The server answered ERROR: back off and resend, or reject after maxSameErrors identical ones. */
  private async refuse(refused: [QueueEntry, string][], run: Run): Promise<void> {
    if (refused.length === 0) return;
    const patches: EntryPatch[] = [];
    const rejected: [QueueEntry, string][] = [];
    for (const [entry, reason] of refused) {
      const errorCount = entry.lastError === reason ? entry.errorCount + 1 : 1;
      if (errorCount >= this.options.maxSameErrors) {
        patches.push({ seq: entry.seq, state: 'rejected', errorCount, lastError: reason });
        rejected.push([entry, reason]);
      } else {
        patches.push({
          seq: entry.seq,
          state: 'pending',
          errorCount,
          lastError: reason,
          notBefore: this.now() + backoffDelay(errorCount, this.options.backoff, this.options.random),
        });
      }
    }
    await this.store.update(patches);
    run.report.rejected += rejected.length;
    for (const [e, reason] of rejected) {
      this.events.emit('rejected', {
        seq: e.seq,
        table: e.table,
        id: e.id,
        ver: e.ver,
        op: e.op,
        data: e.data,
        reason,
        attempts: e.attempts,
      });
    }
  }

  private async confirm(seqs: number[], run: Run): Promise<void> {
    if (seqs.length === 0) return;
    await this.store.confirm(seqs);
    run.report.confirmed += seqs.length;
  }

  /** Reconcile: the status of every due `sent` change, per table, up to statusBatchSize a request. */
  private async checkSent(run: Run, signal: AbortSignal): Promise<boolean> {
    let afterSeq = 0;
    let any = false;
    while (!signal.aborted && !this.paused()) {
      const page = await this.store.due(
        'sent',
        this.now(),
        afterSeq,
        this.options.statusBatchSize * this.options.concurrency,
      );
      if (page.length === 0) break;
      any = true;
      afterSeq = page[page.length - 1].seq;
      await inParallel(chunksOf(page, this.options.statusBatchSize), this.options.concurrency, (chunk) =>
        this.check(chunk, run, signal),
      );
    }
    return any;
  }

  private async check(chunk: Chunk, run: Run, signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.paused()) return;
    const outcome = await this.transport.status(chunk.table, chunk.entries, signal);
    if (outcome.kind === 'auth') throw new ResyncAuthError(outcome.status, outcome.message);
    if (outcome.kind === 'refused' || outcome.kind === 'too-large') {
      // The status request itself was refused (an unknown table, say): the push path will get the
      // server's reason for each change and count it, instead of every request pausing forever.
      await this.store.update(chunk.entries.map((e) => ({ seq: e.seq, state: 'pending', notBefore: this.now() })));
      return;
    }
    if (
      outcome.kind !== 'ok' ||
      !Array.isArray(outcome.body?.results) ||
      outcome.body.results.length !== chunk.entries.length
    ) {
      const until = this.pause(
        outcome.kind === 'temporary'
          ? outcome
          : { kind: 'temporary', message: describeOutcome(outcome), retryAfterMs: null },
      );
      await this.store.update(chunk.entries.map((e) => ({ seq: e.seq, notBefore: until })));
      return;
    }
    this.succeeded();
    const confirmed: number[] = [];
    const patches: EntryPatch[] = [];
    outcome.body.results.forEach((answer, i) => {
      const entry = chunk.entries[i];
      if (answer.status === 'COMPLETED') confirmed.push(entry.seq);
      else if (answer.status === 'PROCESSING') {
        patches.push({
          seq: entry.seq,
          checks: entry.checks + 1,
          notBefore: this.now() + backoffDelay(entry.checks + 1, this.options.backoff, this.options.random),
        });
      } else {
        // NOT_FOUND (never arrived) or ERROR (failed, or its history is missing): resend now, same id and ver.
        patches.push({ seq: entry.seq, state: 'pending', checks: 0, notBefore: this.now() });
      }
    });
    await this.confirm(confirmed, run);
    await this.store.update(patches);
    this.progress(run);
  }

  /** Retries one request through temporary failures (for audit); null when aborted. */
  private async untilAnswered<T>(request: () => Promise<Outcome<T>>, signal: AbortSignal): Promise<T | null> {
    while (!signal.aborted) {
      if (this.paused()) {
        await this.sleeper.sleep(this.pauseUntil - this.now(), signal);
        continue;
      }
      const outcome = await request();
      if (outcome.kind === 'ok') {
        this.succeeded();
        return outcome.body;
      }
      if (outcome.kind === 'auth') throw new ResyncAuthError(outcome.status, outcome.message);
      if (outcome.kind === 'refused') {
        this.events.emit('error', new Error(`Status request refused: HTTP ${outcome.status}: ${outcome.message}`));
        return null;
      }
      this.pause(
        outcome.kind === 'temporary'
          ? outcome
          : { kind: 'temporary', message: describeOutcome(outcome), retryAfterMs: null },
      );
    }
    return null;
  }

  /** A temporary failure pauses every request: the server's Retry-After, or backoff with jitter. */
  private pause(outcome: Extract<Outcome<unknown>, { kind: 'temporary' }>): number {
    this.failuresInARow += 1;
    const delay =
      outcome.retryAfterMs !== null
        ? Math.min(outcome.retryAfterMs, this.options.maxRetryAfterMs)
        : backoffDelay(this.failuresInARow, this.options.backoff, this.options.random);
    this.pauseUntil = Math.max(this.pauseUntil, this.now() + delay);
    this.events.emit('retry', { reason: outcome.message, status: outcome.status, delayMs: delay });
    return this.pauseUntil;
  }

  private succeeded(): void {
    this.failuresInARow = 0;
  }

  private paused(): boolean {
    return this.pauseUntil > this.now();
  }

  private progress(run: Run): void {
    this.events.emit('progress', { sent: run.sent, confirmed: run.report.confirmed, total: run.total });
  }

  private now(): number {
    return this.options.now();
  }
}

function splitEvery<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

function describeOutcome(outcome: Outcome<unknown>): string {
  if (outcome.kind === 'refused') return `HTTP ${outcome.status}: ${outcome.message}`;
  if (outcome.kind === 'too-large') return 'HTTP 413: request too large';
  if (outcome.kind === 'temporary') return outcome.message;
  return 'The answer does not match the request';
}
