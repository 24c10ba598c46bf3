import { ResyncClient, ResyncClientOptions } from '../src/client';
import { MemoryStore } from '../src/stores/memory-store';
import { FakeServer } from './fake-server';

/** Backoff short enough for tests. */
export const FAST = { baseMs: 5, maxMs: 40 };

/** A client on a MemoryStore talking to a fresh FakeServer. */
export function setup(options: Partial<ResyncClientOptions> = {}) {
  const server = new FakeServer();
  const store = new MemoryStore();
  const client = new ResyncClient({
    baseUrl: 'http://resync.test/',
    apiKey: 'key',
    store,
    fetch: server.fetch,
    backoff: FAST,
    ...options,
  });
  return { server, store, client };
}

/** A sale record. */
export const sale = (id: string, total = 10) => ({ id, total });

/** Polls `condition` every 10 ms until it holds (or fails after `withinMs`). */
export async function waitFor(condition: () => Promise<boolean>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One more device (a client on its own store) on `server`, with the same key. */
export function device(server: FakeServer, options: Partial<ResyncClientOptions> = {}) {
  const store = options.store ?? new MemoryStore();
  const client = new ResyncClient({
    baseUrl: 'http://resync.test/',
    apiKey: 'key',
    store,
    fetch: server.fetch,
    backoff: FAST,
    ...options,
  });
  return { client, store };
}
