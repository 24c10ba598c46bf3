import { ResyncAuthError } from '../errors.js';
import { Answer, readAnswer } from '../transport/feed-wire.js';
import type { EntryPatch, QueueEntry } from '../types.js';
import { askLater, confirm, mergedElsewhere, settle } from './answers.js';
import { Chunk, chunksOf, inParallel } from './batching.js';
import type { EngineContext, Run } from './context.js';

/**
 * The reconcile half of a run: asks the status of every due `sent` change (its answer was lost,
 * or it was accepted but not applied yet), per table, up to statusBatchSize a request.
 */
export class Checker {
  constructor(private readonly ctx: EngineContext) {}

  /** Checks every due sent change, page by page; false when there was none. */
  async checkSent(run: Run, signal: AbortSignal): Promise<boolean> {
    const { store, options, pacer } = this.ctx;
    let afterSeq = 0;
    let any = false;
    while (!signal.aborted && !pacer.paused()) {
      const page = await store.due('sent', pacer.now(), afterSeq, options.statusBatchSize * options.concurrency);
      if (page.length === 0) break;
      any = true;
      afterSeq = page[page.length - 1].seq;
      await inParallel(chunksOf(page, options.statusBatchSize), options.concurrency, (chunk) =>
        this.check(chunk, run, signal),
      );
    }
    return any;
  }

  private async check(chunk: Chunk, run: Run, signal: AbortSignal): Promise<void> {
    const { store, transport, pacer } = this.ctx;
    if (signal.aborted || pacer.paused()) return;
    const outcome = await transport.status(chunk.table, chunk.entries, signal);
    if (outcome.kind === 'auth') throw new ResyncAuthError(outcome.status, outcome.message);
    if (outcome.kind === 'refused' || outcome.kind === 'too-large') {
      // The status request itself was refused (an unknown table, say): the push path will get the
      // server's reason for each change and count it, instead of every request pausing forever.
      await store.update(chunk.entries.map((e) => ({ seq: e.seq, state: 'pending', notBefore: pacer.now() })));
      return;
    }
    if (
      outcome.kind !== 'ok' ||
      !Array.isArray(outcome.body?.results) ||
      outcome.body.results.length !== chunk.entries.length
    ) {
      const until = pacer.pauseFor(outcome);
      await store.update(chunk.entries.map((e) => ({ seq: e.seq, notBefore: until })));
      return;
    }
    pacer.succeeded();
    const confirmed: number[] = [];
    const patches: EntryPatch[] = [];
    const settled: [QueueEntry, Answer][] = [];
    for (const [i, result] of outcome.body.results.entries()) {
      const entry = chunk.entries[i];
      const read = readAnswer(result);
      const answer = (await mergedElsewhere(this.ctx, entry, read)) ?? read;
      if (answer.kind === 'completed') confirmed.push(entry.seq);
      else if (answer.kind === 'merged' || answer.kind === 'conflict') settled.push([entry, answer]);
      else if (answer.kind === 'later') patches.push(askLater(this.ctx, entry));
      // NOT_FOUND (never arrived) or ERROR (failed, or its history is missing): resend now, same id and ver.
      else patches.push({ seq: entry.seq, state: 'pending', checks: 0, notBefore: pacer.now() });
    }
    await confirm(this.ctx, confirmed, run);
    await settle(this.ctx, settled, run);
    await store.update(patches);
    run.progress(this.ctx.events);
  }
}
