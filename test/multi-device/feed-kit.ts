import { PgTx } from '@app/database';
import { AuthenticatedAgent } from '@app/testing';
import { Client } from 'pg';

export interface Change {
  id: string;
  ver: number;
  data: Record<string, unknown> | null;
  deleted: boolean;
}

export interface Page {
  changes: Change[];
  next: string;
  has_more: boolean;
}

/** A device's local copy, kept by pulling the feed. */
export class Puller {
  readonly rows = new Map<string, { ver: number; data: Record<string, unknown> | null }>();
  cursor: string | undefined;
  pulls = 0;

  constructor(
    private readonly agent: () => AuthenticatedAgent,
    private readonly table = 'venta',
    private readonly limit = 7,
  ) {}

  /** One page, applied locally; whether more is waiting. */
  async pullOnce(): Promise<boolean> {
    const query = new URLSearchParams({ limit: String(this.limit), ...(this.cursor ? { since: this.cursor } : {}) });
    const res = await this.agent().get(`/tables/${this.table}/changes?${query}`).expect(200);
    const page = res.body as Page;
    for (const c of page.changes) {
      if (c.deleted) this.rows.delete(c.id);
      else this.rows.set(c.id, { ver: c.ver, data: c.data });
    }
    this.cursor = page.next;
    this.pulls += 1;
    return page.has_more;
  }

  async pullAll(): Promise<void> {
    while (await this.pullOnce());
  }

  state(): Record<string, { ver: number; data: Record<string, unknown> | null }> {
    return Object.fromEntries([...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/**
 * Pulls until the puller holds `expected()` or `ms` pass. The feed only serves what is below the
 * cluster's oldest running transaction, and other test files share the cluster: a lag is allowed,
 * a skipped change never (it would never come back).
 */
export async function converge(
  puller: Puller,
  expected: () => Promise<Record<string, unknown>>,
  ms = 10_000,
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await puller.pullAll();
    const want = await expected();
    if (JSON.stringify(puller.state()) === JSON.stringify(want) || Date.now() > until) {
      expect(puller.state()).toEqual(want);
      return;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A transaction on its own connection (not the app's pool), as PgTx for the ingest statement. */
export async function connection(url: string): Promise<{ client: Client; tx: PgTx }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const tx: PgTx = {
    query: async <R>(statement: string | { name: string; text: string }, values?: unknown[]) =>
      (await client.query(
        typeof statement === 'string' ? { text: statement, values } : { ...statement, values },
      )) as unknown as { rows: R[] },
  };
  return { client, tx };
}
