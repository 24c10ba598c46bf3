import type { QueueEntry } from '../types.js';

export interface Chunk {
  table: string;
  entries: QueueEntry[];
}

/**
 * Splits a page of the queue into `lanes` lanes that may run in parallel: all changes of one
 * record go to the same lane (by a hash of table and id), so a lane that sends its chunks one
 * after another keeps each record's changes in order. A chunk holds one table and at most
 * `size` entries, in queue order.
 */
export function planLanes(entries: QueueEntry[], lanes: number, size: number): Chunk[][] {
  const byLane: QueueEntry[][] = Array.from({ length: Math.max(1, lanes) }, () => []);
  for (const entry of entries) byLane[hash(entry.table, entry.id) % byLane.length].push(entry);
  return byLane.filter((lane) => lane.length > 0).map((lane) => chunksOf(lane, size));
}

/** Groups entries by table (keeping their order) into chunks of at most `size`. */
export function chunksOf(entries: QueueEntry[], size: number): Chunk[] {
  const byTable = new Map<string, QueueEntry[]>();
  for (const entry of entries) {
    const list = byTable.get(entry.table) ?? [];
    list.push(entry);
    byTable.set(entry.table, list);
  }
  const chunks: Chunk[] = [];
  for (const [table, list] of byTable) {
    for (let i = 0; i < list.length; i += size) chunks.push({ table, entries: list.slice(i, i + size) });
  }
  return chunks;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await settleAll(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Waits for every promise (so no request is left running unseen), then throws the first failure. */
export async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** FNV-1a: a cheap, stable string hash. */
function hash(table: string, id: string): number {
  let h = 0x811c9dc5;
  const text = `${table}\u0000${id}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
