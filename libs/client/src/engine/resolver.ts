import { toNewChange } from '../local-change.js';
import { Decision, planConflict, planMerged } from '../stores/answer-plans.js';
import type { StorePlan } from '../stores/plans.js';
import type { ConflictDecision, ConflictInfo, QueueEntry, ServerState } from '../types.js';
import type { EngineContext } from './context.js';

export type OnConflict = (conflict: ConflictInfo) => ConflictDecision | Promise<ConflictDecision>;

/**
 * What the client does with the server's conflict and merge answers: never drops a change
 * silently. A conflict adopts the server's state (and, if `onConflict` says so, writes a new
 * change on top of it); a merge adopts the merged version and row.
 */
export class Resolver {
  constructor(
    private readonly ctx: EngineContext,
    private readonly onConflict: OnConflict | undefined,
    /** Called when a resolution queued a new change (the engine counts it and wakes up). */
    private readonly queued: (count: number) => void,
  ) {}

  async merged(entry: QueueEntry, merged: { ver: number; data: Record<string, unknown> }): Promise<void> {
    const info = await this.ctx.tables.info(entry.table);
    const counters = new Set(info?.counters ?? []);
    const counter = (field: string) => info?.policy === 'counter' || counters.has(field);
    const plan = await this.ctx.store.transact({ table: entry.table, ids: [entry.id] }, (state) =>
      planMerged(state, entry.id, entry.seq, merged, counter),
    );
    this.emit(plan);
  }

  async conflict(entry: QueueEntry, server: ServerState): Promise<void> {
    const { store, pacer, events } = this.ctx;
    const open = await store.entries({ table: entry.table, id: entry.id });
    const latest = open.filter((e) => e.seq >= entry.seq).at(-1) ?? entry;
    const info: ConflictInfo = {
      table: entry.table,
      id: entry.id,
      local: { seq: entry.seq, ver: entry.ver, baseVer: entry.baseVer, op: latest.op, data: latest.data },
      serverVer: server.ver,
      serverData: server.deleted ? null : server.data,
      deleted: server.deleted,
    };
    const [decision, keep] = await this.decide(info);
    const plan = await store.transact({ table: entry.table, ids: [entry.id] }, (state) =>
      planConflict(state, entry.id, entry.seq, server, decision, keep, pacer.now()),
    );
    this.emit(plan);
    if (plan.conflict) events.emit('conflict', plan.conflict);
  }

  /** The app's decision, and whether the conflict is kept for it (only when it did not decide). */
  private async decide(info: ConflictInfo): Promise<[Decision, boolean]> {
    if (!this.onConflict) return [{ kind: 'server' }, true];
    let answer: ConflictDecision;
    try {
      answer = await this.onConflict(structuredClone(info));
    } catch (error) {
      this.ctx.events.emit('error', error as Error);
      return [{ kind: 'server' }, true];
    }
    if (answer === undefined) return [{ kind: 'server' }, true];
    if (answer === 'server' || answer === 'local') return [{ kind: answer }, false];
    try {
      if (answer.id !== info.id) throw new TypeError('onConflict must return a record with the same id');
      const change = toNewChange({ op: 'UPDATE', table: info.table, record: answer });
      return [{ kind: 'record', data: change.data ?? {} }, false];
    } catch (error) {
      this.ctx.events.emit('error', error as Error);
      return [{ kind: 'server' }, true];
    }
  }

  private emit(plan: StorePlan): void {
    if (plan.queued > 0) this.queued(plan.queued);
    for (const event of plan.events) this.ctx.events.emit('change', event);
  }
}
