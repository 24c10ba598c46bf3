import type { Outcome } from '../transport/http-transport.js';
import type { AuditReport } from '../types.js';
import { inParallel } from './batching.js';
import type { EngineContext } from './context.js';
import { untilAnswered } from './requests.js';

/**
 * Asks the status of the current version of every record the store knows that has no open
 * change (those are the queue's business) and queues again, under the same version, each
 * record the server does not report COMPLETED: its history is then recreated by the next push.
 * Shared tables are left out: their rows are the head office's, in no store's history, and a
 * store may not write them (a full pull is what restores them).
 */
export class Auditor {
  constructor(
    private readonly ctx: EngineContext,
    /** Called for every record queued again (the engine counts it and wakes up). */
    private readonly requeued: () => void,
  ) {}

  async audit(table: string | undefined, signal: AbortSignal): Promise<Pick<AuditReport, 'checked' | 'healed'>> {
    const { store, transport, options, pacer } = this.ctx;
    let checked = 0;
    let healed = 0;
    let after: { table: string; id: string } | undefined;
    const pageSize = options.statusBatchSize * options.concurrency;
    for (;;) {
      const page = await store.records({ table, after, limit: pageSize });
      if (page.length === 0) break;
      after = page[page.length - 1];
      const idle: typeof page = [];
      for (const record of page) if (record.open === 0 && !(await this.shared(record.table))) idle.push(record);
      const byTable = new Map<string, typeof idle>();
      for (const record of idle) byTable.set(record.table, [...(byTable.get(record.table) ?? []), record]);
      const chunks = [...byTable].flatMap(([name, records]) =>
        splitEvery(records, options.statusBatchSize).map((list) => ({ table: name, records: list })),
      );
      await inParallel(chunks, options.concurrency, async (chunk) => {
        const outcome = await this.untilAnswered(() => transport.status(chunk.table, chunk.records, signal), signal);
        if (!outcome || !Array.isArray(outcome.results) || outcome.results.length !== chunk.records.length) return;
        checked += chunk.records.length;
        for (const [i, answer] of outcome.results.entries()) {
          const record = chunk.records[i];
          if (answer.status === 'COMPLETED') continue;
          const state = answer.status === 'PROCESSING' ? 'sent' : 'pending';
          if (await store.requeue(record.table, record.id, state, pacer.now())) {
            healed += answer.status === 'PROCESSING' ? 0 : 1;
            this.requeued();
          }
        }
      });
      if (signal.aborted) break;
    }
    return { checked, healed };
  }

  private async shared(table: string): Promise<boolean> {
    return (await this.ctx.tables.info(table))?.shared === true;
  }

  /** Retries one request through temporary failures; null when aborted or refused. */
  private async untilAnswered<T>(request: () => Promise<Outcome<T>>, signal: AbortSignal): Promise<T | null> {
    const outcome = await untilAnswered(this.ctx, request, signal);
    if (outcome?.kind === 'refused') {
      this.ctx.events.emit('error', new Error(`Status request refused: HTTP ${outcome.status}: ${outcome.message}`));
      return null;
    }
    return outcome?.body ?? null;
  }
}

function splitEvery<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
