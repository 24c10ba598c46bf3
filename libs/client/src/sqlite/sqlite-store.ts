import Database from 'better-sqlite3';
import type { EntryFilter, RecordFilter, ResyncStore, TransactRequest } from '../store.js';
import { applyPatch, newDeviceId, newEntry, newStoreId, recordAfter } from '../stores/entries.js';
import { changeEvent, StorePlan, StoreState } from '../stores/plans.js';
import { fromRecordRow, fromRow, QueueRow, RecordRow, toRecordRow, toRow } from './rows.js';
import type { ChangeState, Conflict, EntryPatch, NewChange, QueueCounts, QueueEntry, RecordMeta } from '../types.js';

export interface SqliteStoreOptions {
  /**
   * `FULL` (default): every write is on disk before it returns, even across a power loss.
   * `NORMAL`: survives the process being killed, not a power loss; much faster for many writes.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  tbl TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL, op TEXT NOT NULL, data TEXT,
  open INTEGER NOT NULL DEFAULT 0, epoch INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tbl, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL, id TEXT NOT NULL, ver INTEGER NOT NULL, op TEXT NOT NULL, data TEXT,
  queue_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, error_count INTEGER NOT NULL,
  last_error TEXT, checks INTEGER NOT NULL, not_before INTEGER NOT NULL, created_at INTEGER NOT NULL,
  base_ver INTEGER
);
CREATE TABLE IF NOT EXISTS conflicts (
  n INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conflicts_record ON conflicts (tbl, id);
CREATE INDEX IF NOT EXISTS queue_state ON queue (state, seq);
CREATE INDEX IF NOT EXISTS queue_record ON queue (tbl, id);
`;

/** Columns added since 0.1: a file made by 0.1 gets them when it is opened (the schema above only adds tables). */
const ADDED_COLUMNS: [table: string, column: string, definition: string][] = [
  ['queue', 'base_ver', 'INTEGER'],
  ['records', 'epoch', 'INTEGER NOT NULL DEFAULT 0'],
];

/**
 * The queue in a SQLite file (better-sqlite3, WAL). Each method is one transaction: a process
 * killed at any moment leaves the file as after the last finished call.
 */
export class SqliteStore implements ResyncStore {
  private readonly db: Database.Database;
  private readonly id: string;
  private readonly device: string;
  private readonly transactAll: (request: TransactRequest, plan: (state: StoreState) => StorePlan) => StorePlan;
  private readonly enqueueAll: (changes: NewChange[], now: number) => QueueEntry[];
  private readonly updateAll: (patches: EntryPatch[]) => void;
  private readonly dropAll: (seqs: number[]) => void;
  private readonly requeueOne: (table: string, id: string, state: ChangeState, now: number) => QueueEntry | null;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.transaction(() => {
      this.db.exec(SCHEMA);
      for (const [table, column, definition] of ADDED_COLUMNS) {
        const columns = this.db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
        if (!columns.some((c) => c.name === column))
          this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      }
      const keep = this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)`);
      keep.run('storeId', newStoreId());
      keep.run('deviceId', JSON.stringify(newDeviceId()));
    })();
    this.id = (this.db.prepare(`SELECT value FROM meta WHERE key = 'storeId'`).get() as { value: string }).value;
    this.device = JSON.parse(
      (this.db.prepare(`SELECT value FROM meta WHERE key = 'deviceId'`).get() as { value: string }).value,
    ) as string;

    const getRecord = this.db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE tbl = ? AND id = ?');
    const putRecord = this.db.prepare(
      'INSERT OR REPLACE INTO records (tbl, id, ver, op, data, open, epoch) VALUES (@tbl, @id, @ver, @op, @data, @open, @epoch)',
    );
    const nextSeq = this.db.prepare<[], { seq: number }>(
      `SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'queue'), 0) + 1 AS seq`,
    );
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO queue (seq, tbl, id, ver, op, data, queue_id, base_ver, state, attempts, error_count, last_error, checks, not_before, created_at)
       VALUES (@seq, @tbl, @id, @ver, @op, @data, @queue_id, @base_ver, @state, @attempts, @error_count, @last_error, @checks, @not_before, @created_at)`,
    );
    const getEntry = this.db.prepare<[number], QueueRow>('SELECT * FROM queue WHERE seq = ?');
    const putEntry = this.db.prepare(
      `UPDATE queue SET state = @state, attempts = @attempts, error_count = @error_count, last_error = @last_error, checks = @checks, not_before = @not_before, data = @data WHERE seq = @seq`,
    );
    const deleteEntry = this.db.prepare('DELETE FROM queue WHERE seq = ?');
    const closeOne = this.db.prepare('UPDATE records SET open = open - 1 WHERE tbl = ? AND id = ?');

    this.enqueueAll = this.db.transaction((changes: NewChange[], now: number) =>
      changes.map((change) => {
        const previous = getRecord.get(change.table, change.id);
        const ver = (previous?.ver ?? 0) + 1;
        const entry = newEntry(nextSeq.get()!.seq, change, ver, this.id, now);
        insert.run(toRow(entry));
        putRecord.run(toRecordRow(recordAfter(change, ver, (previous?.open ?? 0) + 1, previous?.epoch)));
        return entry;
      }),
    );
    this.requeueOne = this.db.transaction((table: string, id: string, state: ChangeState, now: number) => {
      const row = getRecord.get(table, id);
      if (!row || row.open > 0) return null;
      const record = fromRecordRow(row);
      const entry = {
        ...newEntry(
          nextSeq.get()!.seq,
          { table, id, op: record.op, data: record.data },
          record.ver,
          this.id,
          now,
          null,
        ),
        state,
      };
      insert.run(toRow(entry));
      putRecord.run(toRecordRow({ ...record, open: 1 }));
      return entry;
    });
    this.updateAll = this.db.transaction((patches: EntryPatch[]) => {
      for (const patch of patches) {
        const row = getEntry.get(patch.seq);
        if (row) putEntry.run(toRow(applyPatch(fromRow(row), patch)));
      }
    });
    const openOf = this.db.prepare<[string, string], QueueRow>(
      'SELECT * FROM queue WHERE tbl = ? AND id = ? ORDER BY seq',
    );
    const getMeta = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    const putMeta = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const addConflict = this.db.prepare('INSERT INTO conflicts (tbl, id, body) VALUES (?, ?, ?)');
    const unseen = this.db.prepare<[string, number], RecordRow>(
      'DELETE FROM records WHERE tbl = ? AND epoch <> ? AND open = 0 RETURNING *',
    );
    this.transactAll = this.db.transaction((request: TransactRequest, plan: (state: StoreState) => StorePlan) => {
      const state: StoreState = {
        table: request.table,
        records: new Map(),
        meta: new Map(
          (request.metaKeys ?? []).map((key) => {
            const row = getMeta.get(key);
            return [key, row ? JSON.parse(row.value) : undefined];
          }),
        ),
        lastSeq: nextSeq.get()!.seq - 1,
        storeId: this.id,
      };
      for (const id of request.ids) {
        const row = getRecord.get(request.table, id);
        state.records.set(id, {
          record: row ? fromRecordRow(row) : null,
          open: openOf.all(request.table, id).map(fromRow),
        });
      }
      const result = plan(state);
      for (const seq of result.removeEntries) deleteEntry.run(seq);
      for (const entry of result.entries) insert.run(toRow(entry));
      for (const record of result.records) putRecord.run(toRecordRow(record));
      for (const [key, value] of result.meta) putMeta.run(key, JSON.stringify(value));
      for (const conflict of result.conflicts) addConflict.run(conflict.table, conflict.id, JSON.stringify(conflict));
      if (result.sweep) {
        for (const row of unseen.all(result.sweep.table, result.sweep.epoch)) {
          const record = fromRecordRow(row);
          if (record.op !== 'DELETE')
            result.events.push({ ...changeEvent(record, 'remote'), data: null, deleted: true });
        }
      }
      return result;
    });
    this.dropAll = this.db.transaction((seqs: number[]) => {
      for (const seq of seqs) {
        const row = getEntry.get(seq);
        if (!row) continue;
        deleteEntry.run(seq);
        closeOne.run(row.tbl, row.id);
      }
    });
  }

  async enqueue(changes: NewChange[], now: number): Promise<QueueEntry[]> {
    return this.enqueueAll(changes, now);
  }

  async requeue(table: string, id: string, state: ChangeState, now: number): Promise<QueueEntry | null> {
    return this.requeueOne(table, id, state, now);
  }

  async due(state: ChangeState, now: number, afterSeq: number, limit: number): Promise<QueueEntry[]> {
    const rows = this.db
      .prepare<[string, number, number, number], QueueRow>(
        'SELECT * FROM queue WHERE state = ? AND seq > ? AND not_before <= ? ORDER BY seq LIMIT ?',
      )
      .all(state, afterSeq, now, limit);
    return rows.map(fromRow);
  }

  async entries(filter: EntryFilter): Promise<QueueEntry[]> {
    const where: string[] = ['seq > @afterSeq'];
    const params: Record<string, unknown> = { afterSeq: filter.afterSeq ?? 0, limit: filter.limit ?? -1 };
    if (filter.states) {
      where.push(`state IN (${filter.states.map((_, i) => `@s${i}`).join(', ')})`);
      filter.states.forEach((s, i) => (params[`s${i}`] = s));
    }
    if (filter.table !== undefined) {
      where.push('tbl = @tbl');
      params.tbl = filter.table;
    }
    if (filter.id !== undefined) {
      where.push('id = @id');
      params.id = filter.id;
    }
    const rows = this.db
      .prepare<[Record<string, unknown>], QueueRow>(
        `SELECT * FROM queue WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
      )
      .all(params);
    return rows.map(fromRow);
  }

  async update(patches: EntryPatch[]): Promise<void> {
    if (patches.length > 0) this.updateAll(patches);
  }

  async confirm(seqs: number[]): Promise<void> {
    if (seqs.length > 0) this.dropAll(seqs);
  }

  async remove(seqs: number[]): Promise<void> {
    if (seqs.length > 0) this.dropAll(seqs);
  }

  async counts(): Promise<QueueCounts> {
    const counts = { pending: 0, sent: 0, rejected: 0 };
    for (const row of this.db
      .prepare<[], { state: ChangeState; n: number }>('SELECT state, COUNT(*) AS n FROM queue GROUP BY state')
      .all())
      counts[row.state] = row.n;
    return counts;
  }

  async nextDue(): Promise<number | null> {
    const row = this.db
      .prepare<[], { next: number | null }>(
        `SELECT MIN(not_before) AS next FROM queue WHERE state IN ('pending', 'sent')`,
      )
      .get();
    return row?.next ?? null;
  }

  async records(filter: RecordFilter): Promise<RecordMeta[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit };
    if (filter.after) {
      where.push('(tbl, id) > (@afterTbl, @afterId)');
      params.afterTbl = filter.after.table;
      params.afterId = filter.after.id;
    }
    if (filter.table !== undefined) {
      where.push('tbl = @tbl');
      params.tbl = filter.table;
    }
    const sql = `SELECT * FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY tbl, id LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], RecordRow>(sql).all(params).map(fromRecordRow);
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  async deviceId(): Promise<string> {
    return this.device;
  }

  async record(table: string, id: string): Promise<RecordMeta | null> {
    const row = this.db
      .prepare<[string, string], RecordRow>('SELECT * FROM records WHERE tbl = ? AND id = ?')
      .get(table, id);
    return row ? fromRecordRow(row) : null;
  }

  async getMeta(key: string): Promise<unknown> {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
    return row ? JSON.parse(row.value) : undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }

  async transact(request: TransactRequest, plan: (state: StoreState) => StorePlan): Promise<StorePlan> {
    return this.transactAll(request, plan);
  }

  async conflicts(filter: { table?: string; id?: string }): Promise<Conflict[]> {
    const rows = this.db
      .prepare<[{ tbl: string | null; id: string | null }], { body: string }>(
        'SELECT body FROM conflicts WHERE (@tbl IS NULL OR tbl = @tbl) AND (@id IS NULL OR id = @id) ORDER BY n',
      )
      .all({ tbl: filter.table ?? null, id: filter.id ?? null });
    return rows.map((r) => JSON.parse(r.body) as Conflict);
  }

  async clearConflicts(table: string, id?: string): Promise<number> {
    return this.db
      .prepare('DELETE FROM conflicts WHERE tbl = @tbl AND (@id IS NULL OR id = @id)')
      .run({ tbl: table, id: id ?? null }).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
