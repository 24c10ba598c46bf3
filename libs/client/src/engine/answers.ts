import { rejectedChange } from '../changes.js';
import type { Answer } from '../transport/feed-wire.js';
import type { EntryPatch, QueueEntry } from '../types.js';
import { backoffDelay } from './backoff.js';
import type { EngineContext, Run } from './context.js';

/** What the push and the status paths do with the server's answers, change by change. */

/** Accepted but not applied yet (QUEUED, PROCESSING): stays sent, its status is asked again after a backoff. */
export function askLater(ctx: EngineContext, entry: QueueEntry): EntryPatch {
  const checks = entry.checks + 1;
  return {
    seq: entry.seq,
    checks,
    notBefore: ctx.pacer.now() + backoffDelay(checks, ctx.options.backoff, ctx.options.random),
  };
}

/** COMPLETED: the changes leave the queue. */
export async function confirm(ctx: EngineContext, seqs: number[], run: Run): Promise<void> {
  if (seqs.length === 0) return;
  await ctx.store.confirm(seqs);
  run.report.confirmed += seqs.length;
}

/** The server answered ERROR: back off and resend, or reject after maxSameErrors identical ones. */
export async function refuse(ctx: EngineContext, refused: [QueueEntry, string][], run: Run): Promise<void> {
  if (refused.length === 0) return;
  const patches: EntryPatch[] = [];
  const rejected: [QueueEntry, string][] = [];
  for (const [entry, reason] of refused) {
    const errorCount = entry.lastError === reason ? entry.errorCount + 1 : 1;
    if (errorCount >= ctx.options.maxSameErrors) {
      patches.push({ seq: entry.seq, state: 'rejected', errorCount, lastError: reason });
      rejected.push([entry, reason]);
    } else {
      patches.push({
        seq: entry.seq,
        state: 'pending',
        errorCount,
        lastError: reason,
        notBefore: ctx.pacer.now() + backoffDelay(errorCount, ctx.options.backoff, ctx.options.random),
      });
    }
  }
  await ctx.store.update(patches);
  run.report.rejected += rejected.length;
  for (const [entry, reason] of rejected) ctx.events.emit('rejected', rejectedChange(entry, reason));
}

/** Merge and conflict answers, one record at a time in answer order (each is one store transaction). */
export async function settle(ctx: EngineContext, settled: [QueueEntry, Answer][], run: Run): Promise<void> {
  for (const [entry, answer] of settled) {
    if (answer.kind === 'merged') {
      await ctx.resolver.merged(entry, answer);
      run.report.confirmed += 1;
    } else if (answer.kind === 'conflict') await ctx.resolver.conflict(entry, answer.server);
  }
}

/**
 * A COMPLETED answer about a change on a `merge` / `counter` table that names another version than
 * the change's: the server merged it (a resend of a merged change is answered "Duplicate bypassed"
 * with the record as it is now, as is a status query). It is settled as merged at that version, so
 * the record's later local changes move on top of it instead of going out on a base the server gave
 * other content. Null: a plain confirmation.
 */
export async function mergedElsewhere(ctx: EngineContext, entry: QueueEntry, answer: Answer): Promise<Answer | null> {
  if (answer.kind !== 'completed' || !answer.at || answer.at.ver === entry.ver || entry.op === 'DELETE') return null;
  const policy = (await ctx.tables.info(entry.table))?.policy;
  if (policy !== 'merge' && policy !== 'counter') return null;
  return { kind: 'merged', ver: answer.at.ver, data: answer.at.data };
}
