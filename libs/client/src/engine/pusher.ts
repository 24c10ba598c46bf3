import { ResyncAuthError } from '../errors.js';
import { Answer, readAnswer } from '../transport/feed-wire.js';
import type { EntryPatch, QueueEntry } from '../types.js';
import { askLater, confirm, mergedElsewhere, refuse, settle } from './answers.js';
import { Chunk, planLanes, settleAll } from './batching.js';
import type { EngineContext, Run } from './context.js';

type BatchAnswer = { id: string | null; status: string }[] | undefined;

/**
 * The push half of a run: every due `pending` change goes out in batches per table, a few in
 * flight, each record's changes in order; each answer moves the changes on (confirmed, resent
 * later, asked about, rejected).
 */
export class Pusher {
  constructor(private readonly ctx: EngineContext) {}

  /** Pushes every due pending change, page by page; false when there was none. */
  async pushDue(run: Run, signal: AbortSignal): Promise<boolean> {
    const { store, options, pacer } = this.ctx;
    let afterSeq = 0;
    let any = false;
    const pageSize = options.batchSize * options.concurrency;
    while (!signal.aborted && !pacer.paused()) {
      const page = await store.due('pending', pacer.now(), afterSeq, pageSize);
      if (page.length === 0) break;
      afterSeq = page[page.length - 1].seq;
      const ready = await this.holdBack(page);
      if (ready.length === 0) continue;
      any = true;
      // Lanes run in parallel; the page is a barrier, so a record's later changes on the next
      // page never overtake its earlier ones.
      const lanes = planLanes(ready, options.concurrency, options.batchSize);
      await settleAll(
        lanes.map(async (lane) => {
          for (const chunk of lane) {
            if (signal.aborted || pacer.paused()) return;
            await this.push(chunk, run, signal, true);
          }
        }),
      );
    }
    return any;
  }

  /**
   * Of each record only its oldest open change goes out; the later ones wait for its answer. A
   * later change is based on the version the earlier one has locally, which is the server's
   * version only once the server applied the earlier change there: merged, it gets another
   * version (and the later changes move on top of it); refused as a conflict, the later changes
   * leave the queue with it; its answer lost or backing off, its status is asked first. Pushed
   * together, the later change would be decided on a version the server gave another device's
   * content: merged on the wrong base, or applied over a change it never saw. Held changes are due
   * again just after the earlier one. Changes re-queued by audit (no base) are decided by version
   * alone and never wait; to a server of 0.1 (no base_ver sent) a record's changes in one page go
   * together, and only wait for an unconfirmed change outside the page.
   */
  private async holdBack(page: QueueEntry[]): Promise<QueueEntry[]> {
    const { store, tables } = this.ctx;
    const together = !tables.multiDeviceNow;
    const firstInPage = new Map<string, QueueEntry>();
    for (const e of page) {
      const key = `${e.table}\u0000${e.id}`;
      if (!firstInPage.has(key)) firstInPage.set(key, e);
    }
    // Per record: the seq allowed out (none: an earlier change outside the page is unconfirmed) and when to look again.
    const allowed = new Map<string, { seq: number | null; notBefore: number }>();
    for (const [key, entry] of firstInPage) {
      // A record's first version (base 0) has no earlier change to wait for.
      if (entry.baseVer === null || entry.baseVer === 0) {
        allowed.set(key, { seq: entry.seq, notBefore: entry.notBefore });
        continue;
      }
      const [oldest] = await store.entries({ table: entry.table, id: entry.id, states: ['pending', 'sent'], limit: 1 });
      const earlier = oldest && oldest.seq < entry.seq;
      allowed.set(key, { seq: earlier ? null : entry.seq, notBefore: earlier ? oldest.notBefore : entry.notBefore });
    }
    const isHeld = (e: QueueEntry) => {
      const { seq } = allowed.get(`${e.table}\u0000${e.id}`)!;
      return e.baseVer !== null && (seq === null || (!together && seq !== e.seq));
    };
    const waiting = page.filter(isHeld);
    if (waiting.length === 0) return page;
    const now = this.ctx.pacer.now();
    await store.update(
      waiting.map((e) => ({
        seq: e.seq,
        notBefore: Math.max(allowed.get(`${e.table}\u0000${e.id}`)!.notBefore, now) + 1,
      })),
    );
    return page.filter((e) => !isHeld(e));
  }

  private async push(chunk: Chunk, run: Run, signal: AbortSignal, count: boolean): Promise<void> {
    const { store, transport, pacer } = this.ctx;
    const { table, entries } = chunk;
    // Marked sent before the request: after a crash the answer is unknown, so status comes first.
    await store.update(
      entries.map((e) => ({ seq: e.seq, state: 'sent', attempts: e.attempts + 1, notBefore: pacer.now() })),
    );
    if (count) {
      for (const e of entries) run.report[e.attempts === 0 ? 'pushed' : 'resent'] += 1;
      run.sent += entries.length;
    }
    for (const e of entries) e.attempts += 1;
    const outcome = await transport.batch(table, entries, signal);
    switch (outcome.kind) {
      case 'ok':
        if (await this.applyResults(entries, outcome.body?.results, run)) pacer.succeeded();
        else {
          // An answer that does not match the request confirms nothing: wait, then status will tell.
          const until = pacer.pause({
            kind: 'temporary',
            message: 'The batch answer does not match the request',
            retryAfterMs: null,
          });
          await store.update(entries.map((e) => ({ seq: e.seq, notBefore: until })));
        }
        break;
      case 'too-large':
        pacer.succeeded();
        if (entries.length > 1) await this.pushHalves(chunk, run, signal);
        else await refuse(this.ctx, [[entries[0], 'Request too large (HTTP 413)']], run);
        break;
      case 'refused':
        pacer.succeeded();
        // A refused envelope is split until the entry that causes it is alone.
        if (entries.length > 1 && (outcome.status === 400 || outcome.status === 422))
          await this.pushHalves(chunk, run, signal);
        else
          await refuse(
            this.ctx,
            entries.map((e) => [e, `HTTP ${outcome.status}: ${outcome.message}`]),
            run,
          );
        break;
      case 'auth':
        await store.update(entries.map((e) => ({ seq: e.seq, state: 'pending', notBefore: pacer.now() })));
        throw new ResyncAuthError(outcome.status, outcome.message);
      case 'temporary': {
        const until = pacer.pause(outcome);
        // 429 (or no request at all) was not applied: push again. Anything else may have been: ask its status first.
        const state = outcome.status === 429 || outcome.unsent ? 'pending' : 'sent';
        await store.update(entries.map((e) => ({ seq: e.seq, state, notBefore: until })));
        break;
      }
    }
    run.progress(this.ctx.events);
  }

  private async pushHalves(chunk: Chunk, run: Run, signal: AbortSignal): Promise<void> {
    const { store, pacer } = this.ctx;
    const middle = Math.ceil(chunk.entries.length / 2);
    for (const half of [chunk.entries.slice(0, middle), chunk.entries.slice(middle)]) {
      if (signal.aborted || pacer.paused()) {
        await store.update(half.map((e) => ({ seq: e.seq, state: 'pending', notBefore: pacer.until })));
        continue;
      }
      await this.push({ table: chunk.table, entries: half }, run, signal, false);
    }
  }

  /** False when the answer does not match the request (then nothing is taken from it). */
  private async applyResults(entries: QueueEntry[], results: BatchAnswer, run: Run): Promise<boolean> {
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
    const settled: [QueueEntry, Answer][] = [];
    for (const [i, result] of results.entries()) {
      const entry = entries[i];
      const read = readAnswer(result);
      const answer = (await mergedElsewhere(this.ctx, entry, read)) ?? read;
      if (answer.kind === 'completed') confirmed.push(entry.seq);
      else if (answer.kind === 'merged' || answer.kind === 'conflict') settled.push([entry, answer]);
      else if (answer.kind === 'error') refused.push([entry, answer.reason]);
      else later.push(askLater(this.ctx, entry));
    }
    await confirm(this.ctx, confirmed, run);
    await settle(this.ctx, settled, run);
    await refuse(this.ctx, refused, run);
    await this.ctx.store.update(later);
    return true;
  }
}
