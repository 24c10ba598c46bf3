import type { ResyncStore } from '../store.js';
import type { TableInfo } from '../types.js';

const TABLES_KEY = 'tables';
const SERVED_KEY = 'multiDevice';

/**
 * The tables the server serves (`GET /tables`), kept in the store so that a client started
 * offline still knows which tables are shared (read-only) and how the server merges them.
 */
export class Tables {
  private known?: Promise<Map<string, TableInfo>>;
  /** The server answered GET /tables or a feed page: it reads base_ver (a server of 0.1 would store it as a field). */
  private served = false;
  private servedLoaded?: Promise<void>;

  constructor(private readonly store: ResyncStore) {}

  /** Whether pushes carry base_ver: once the server proved it serves several devices (kept in the store). */
  async multiDevice(): Promise<boolean> {
    this.servedLoaded ??= this.store.getMeta(SERVED_KEY).then((v) => {
      this.served ||= v === true;
    });
    await this.servedLoaded;
    return this.served;
  }

  /** The server answered GET /tables or a feed page. */
  async markServed(): Promise<void> {
    if (await this.multiDevice()) return;
    this.served = true;
    await this.store.setMeta(SERVED_KEY, true);
  }

  /** Known at once, for the transport (false until multiDevice() loaded it). */
  get multiDeviceNow(): boolean {
    return this.served;
  }

  private load(): Promise<Map<string, TableInfo>> {
    this.known ??= this.store
      .getMeta(TABLES_KEY)
      .then((list) => new Map(((list as TableInfo[] | undefined) ?? []).map((t) => [t.name, t])));
    return this.known;
  }

  async remember(list: TableInfo[]): Promise<void> {
    await this.markServed();
    await this.store.setMeta(TABLES_KEY, list);
    this.known = Promise.resolve(new Map(list.map((t) => [t.name, t])));
  }

  async info(table: string): Promise<TableInfo | undefined> {
    return (await this.load()).get(table);
  }

  /** Shared tables are the head office's: a store app writing one is a programming error. */
  async assertWritable(tables: Iterable<string>): Promise<void> {
    const known = await this.load();
    for (const table of tables)
      if (known.get(table)?.shared) throw new TypeError(`${table} is a shared table: it is read-only for stores`);
  }
}
