import { planPull } from '../stores/pull-plan.js';
import { cursorKey, readCursor } from '../stores/plans.js';
import { CURSOR_EXPIRED_STATUS } from '../transport/feed-wire.js';
import type { PullReport } from '../types.js';
import { inParallel } from './batching.js';
import type { EngineContext } from './context.js';
import { untilAnswered } from './requests.js';

export interface PullOptions {
  /** Tables to pull; undefined: every table the server serves (`GET /tables`). */
  tables?: string[];
  /** Changes per feed page (1 to 1,000). */
  limit: number;
}

/**
 * The pull half of a sync: pages through each table's change feed with the server's cursor. Each
 * page and the cursor after it are written in one store transaction, so a process killed at any
 * moment neither applies a page twice nor skips one. A cursor the server no longer serves starts
 * a full pull, whose last page removes the local records the server no longer has.
 */
export class Puller {
  constructor(
    private readonly ctx: EngineContext,
    private readonly options: PullOptions,
  ) {}

  async pull(signal: AbortSignal): Promise<PullReport> {
    const report: PullReport = { pulled: 0, removed: 0, resets: 0 };
    const tables = await this.discover(signal);
    await inParallel(tables, this.ctx.options.concurrency, (table) => this.pullTable(table, report, signal));
    return report;
  }

  /**
   * Asks GET /tables: the served tables are kept (shared ones are read-only, policies decide
   * rebases), and an answer tells that the server reads base_ver. Resolves with the tables to
   * pull: the `tables` option, else the served ones (none when the server does not list them).
   */
  async discover(signal: AbortSignal): Promise<string[]> {
    const outcome = await untilAnswered(this.ctx, () => this.ctx.transport.tables(signal), signal);
    if (outcome?.kind === 'ok') await this.ctx.tables.remember(outcome.body);
    if (this.options.tables) return this.options.tables;
    return outcome?.kind === 'ok' ? outcome.body.map((t) => t.name) : [];
  }

  private async pullTable(table: string, report: PullReport, signal: AbortSignal): Promise<void> {
    const { store, transport, events } = this.ctx;
    const key = cursorKey(table);
    const rebase = !['merge', 'counter'].includes((await this.ctx.tables.info(table))?.policy ?? 'reject');
    while (!signal.aborted) {
      const before = readCursor(await store.getMeta(key));
      const outcome = await untilAnswered(
        this.ctx,
        () => transport.changes(table, before.next, this.options.limit, signal),
        signal,
      );
      if (!outcome) return;
      if (outcome.kind === 'refused') {
        if (outcome.status === CURSOR_EXPIRED_STATUS) {
          await store.setMeta(key, { next: null, epoch: before.epoch + 1, full: true });
          report.resets += 1;
          continue;
        }
        events.emit('error', new Error(`Pull of ${table} refused: HTTP ${outcome.status}: ${outcome.message}`));
        return;
      }
      const page = outcome.body;
      await this.ctx.tables.markServed();
      const after = { next: page.next ?? before.next, epoch: before.epoch, full: before.full && page.hasMore };
      const sweep = before.full && !page.hasMore;
      const plan = await store.transact({ table, ids: page.changes.map((c) => c.id), metaKeys: [key] }, (state) =>
        planPull(state, page.changes, before, after, { rebase, sweep }),
      );
      if (plan.blocked) return;
      report.pulled += plan.applied;
      const inPage = new Set(page.changes.map((c) => c.id));
      report.removed += plan.events.filter((e) => !inPage.has(e.id)).length;
      for (const event of plan.events) events.emit('change', event);
      if (!page.hasMore) return;
    }
  }
}
