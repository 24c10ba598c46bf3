import { OPERATION_TYPES, OperationType } from './change';

/**
 * How the apply-and-log statement writes one kind of operation: an upsert of the table's rows from
 * `live`'s changes of that kind (CTE `cte`, row alias `alias`), and each change's outcome from its
 * CTE row and `wasDeleted`, the row's prior state.
 */
interface Upsert {
  cte: string;
  alias: string;
  /** What is inserted after (_client_id, _hash_id, _ver): columns, and their values from change `i`. */
  columns: string;
  values: string;
  /** The conflict's update, and when it applies (`t` the stored row, `EXCLUDED` the change). */
  set: string;
  when: string;
  returning: string;
  outcome(wasDeleted: string): string;
}

/** Whether the stored version lets a change through: a tombstone must be strictly older. */
const NOT_NEWER = 'CASE WHEN t._deleted THEN t._ver < EXCLUDED._ver ELSE t._ver <= EXCLUDED._ver END';

/**
 * The tombstone rules of each operation (apply-and-log.statement.ts says them in words). Every
 * write stamps the row with its transaction (`_xid`), which orders the change feed (libs/changes).
 * An update takes `_xid` and the times from the proposed row (EXCLUDED: the columns' defaults,
 * `pg_current_xact_id()` and `now()`, or on Citus the worker's trigger), never from a function in
 * the SET list: Citus refuses any function there that is not IMMUTABLE (docs/scaling.md).
 */
const UPSERTS: Record<OperationType, Upsert> = {
  CREATE: {
    cte: 'created',
    alias: 'c',
    columns: 'data',
    values: 'i.data',
    set: 'data = EXCLUDED.data, _ver = EXCLUDED._ver, _deleted = false, _deleted_at = NULL, _created_at = EXCLUDED._created_at, _updated_at = EXCLUDED._updated_at, _xid = EXCLUDED._xid',
    when: 't._deleted AND t._ver < EXCLUDED._ver',
    returning: 't._hash_id',
    outcome: (wasDeleted) =>
      `CASE WHEN c._hash_id IS NOT NULL THEN 'created' WHEN ${wasDeleted} THEN 'stale' ELSE 'duplicate' END`,
  },
  UPDATE: {
    cte: 'updated',
    alias: 'u',
    columns: 'data',
    values: 'i.data',
    set: `data = EXCLUDED.data, _ver = EXCLUDED._ver, _updated_at = EXCLUDED._updated_at,
            _deleted = false, _deleted_at = NULL, _created_at = CASE WHEN t._deleted THEN EXCLUDED._created_at ELSE t._created_at END,
            _xid = EXCLUDED._xid`,
    when: NOT_NEWER,
    returning: 't._hash_id, (t.xmax = 0) AS inserted',
    outcome: (wasDeleted) =>
      `CASE WHEN u._hash_id IS NULL THEN 'stale' WHEN u.inserted OR ${wasDeleted} THEN 'upserted' ELSE 'updated' END`,
  },
  DELETE: {
    cte: 'deleted',
    alias: 'd',
    columns: 'data, _deleted, _deleted_at',
    values: `'{}'::jsonb, true, now()`,
    set: `_deleted = true, _deleted_at = EXCLUDED._deleted_at, _ver = EXCLUDED._ver, data = '{}'::jsonb, _updated_at = EXCLUDED._updated_at, _xid = EXCLUDED._xid`,
    when: NOT_NEWER,
    returning: 't._hash_id, (t.xmax = 0) AS inserted',
    outcome: (wasDeleted) =>
      `CASE WHEN d.inserted OR ${wasDeleted} THEN 'already_deleted' WHEN d._hash_id IS NOT NULL THEN 'deleted' ELSE 'stale' END`,
  },
};

/**
 * One kind's upsert CTE; rows are taken in record id order, so concurrent batches lock them in the
 * same order. `after`: a condition its first row waits for (the Citus statement's locked read of
 * the prior state, which must see the rows before any upsert changes them).
 */
function upsertCte(
  kind: OperationType,
  u: Upsert,
  target: string,
  client: string,
  live: string,
  after: string,
): string {
  return `${u.cte} AS (
      INSERT INTO ${target} AS t (_client_id, _hash_id, _ver, ${u.columns})
      SELECT ${client}, i.hash_id, i.ver, ${u.values} FROM ${live} i WHERE i.op = '${kind}'${after ? ` AND ${after}` : ''} ORDER BY i.hash_id
      ON CONFLICT (_client_id, _hash_id) DO UPDATE
        SET ${u.set}
        WHERE ${u.when}
      RETURNING ${u.returning}),`;
}

/**
 * The kinds of operation a statement is built for, in a fixed order: a statement for some kinds
 * leaves the others' upserts out. Each upsert is an INSERT ... ON CONFLICT whose executor set-up
 * (the table and its indexes opened) is paid on every run, whether or not a change is of its kind:
 * one record's CREATE cost PostgreSQL 0.15-0.16 ms of CPU without the two idle upserts, against
 * 0.18-0.20 ms with them (README "Benchmarks").
 */
export function operationKinds(changes: readonly { operation: OperationType }[]): readonly OperationType[] {
  const kinds = OPERATION_TYPES.filter((kind) => changes.some((c) => c.operation === kind));
  return kinds.length > 0 ? kinds : OPERATION_TYPES; // no changes: any statement answers none
}

/** Part of a statement's name telling the kinds it is built for ('' for all of them). */
export function kindsSuffix(kinds: readonly OperationType[]): string {
  return kinds.length === OPERATION_TYPES.length ? '' : `_${kinds.map((k) => k[0].toLowerCase()).join('')}`;
}

/**
 * The statement's upserts for `kinds`: their CTEs, each change's outcome (by its kind), and the
 * joins that outcome reads. A change of a kind left out would get no outcome: callers build the
 * statement for the kinds of their changes (operationKinds).
 */
export function upsertsSql(
  kinds: readonly OperationType[],
  target: string,
  client: string,
  live: string,
  wasDeleted: string,
  after = '',
): { ctes: string; outcome: string; joins: string } {
  const used = OPERATION_TYPES.filter((kind) => kinds.includes(kind)).map((kind) => [kind, UPSERTS[kind]] as const);
  return {
    ctes: used.map(([kind, u]) => upsertCte(kind, u, target, client, live, after)).join('\n    '),
    outcome: `CASE i.op ${used.map(([kind, u]) => `WHEN '${kind}' THEN ${u.outcome(wasDeleted)}`).join('\n               ')} END`,
    joins: used
      .map(([kind, u]) => `LEFT JOIN ${u.cte} ${u.alias} ON i.op = '${kind}' AND ${u.alias}._hash_id = i.hash_id`)
      .join('\n      '),
  };
}
