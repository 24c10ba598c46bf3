import type { ResyncStore } from '../store.js';
import type { TableInfo } from '../types.js';

const TABLES_KEY = 'tables';

/**
 * The tables the server serves (`GET /tables`), kept in the store so that a client started
 * offline still knows which tables are shared (read-only) and how the server merges them.
 */
export class Tables {
  private known?: Promise<Map<string, TableInfo>>;

  constructor(private readonly store: ResyncStore) {}

  private load(): Promise<Map<string, TableInfo>> {
    this.known ??= this.store
      .getMeta(TABLES_KEY)
      .then((list) => new Map(((list as TableInfo[] | undefined) ?? []).map((t) => [t.name, t])));
    return this.known;
  }

  async remember(list: TableInfo[]): Promise<void> {
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
