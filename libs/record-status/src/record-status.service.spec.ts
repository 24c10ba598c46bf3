import { decide } from './record-status.service';
import { StatusRow } from './record-status.repository';

const row = (overrides: Partial<StatusRow>): StatusRow => ({
  status: null,
  operation: null,
  error: null,
  note: null,
  row_exists: false,
  row_matches_ver: false,
  tombstone: false,
  ver: null,
  data: null,
  last_applied: null,
  ...overrides,
});

const LOST_CREATE =
  'Operation CREATE marked as COMPLETED but record not found in main table (possible causes: manual deletion, transaction rollback or database inconsistency) - please resend to restore the record';

describe(decide.name, () => {
  it('answers an operation with its status; QUEUED and PROCESSING are PROCESSING', () => {
    expect(decide('a', row({ status: 'QUEUED', operation: 'CREATE', row_exists: true }))).toEqual({
      hash_id: 'a',
      status: 'PROCESSING',
      data: null,
    });
    expect(decide('a', row({ status: 'PROCESSING', operation: 'CREATE' }))).toEqual({
      hash_id: 'a',
      status: 'PROCESSING',
      data: null,
    });
    expect(decide('a', row({ status: 'ERROR', operation: 'UPDATE', error: 'bad ver' }))).toEqual({
      hash_id: 'a',
      status: 'ERROR',
      error_details: 'bad ver',
      data: null,
    });
  });

  it('gives the row as data on COMPLETED, system fields first', () => {
    const result = decide(
      'a',
      row({
        status: 'COMPLETED',
        operation: 'UPDATE',
        row_exists: true,
        row_matches_ver: true,
        ver: 2,
        data: { name: 'John' },
      }),
    );
    expect(result).toEqual({ hash_id: 'a', status: 'COMPLETED', data: { _hash_id: 'a', _ver: 2, name: 'John' } });
    expect(Object.keys(result.data!)).toEqual(['_hash_id', '_ver', 'name']);
  });

  it('answers a completed DELETE with no row COMPLETED, noting the record was deleted', () => {
    expect(decide('a', row({ status: 'COMPLETED', operation: 'DELETE' }))).toEqual({
      hash_id: 'a',
      status: 'COMPLETED',
      note: 'Record was deleted',
      data: null,
    });
    expect(decide('a', row({ status: 'COMPLETED', operation: 'DELETE', tombstone: true, ver: 3 }))).toEqual({
      hash_id: 'a',
      status: 'COMPLETED',
      note: 'Record was deleted',
      data: null,
    });
  });

  it('answers a completed CREATE/UPDATE whose row is gone ERROR, so the client resends', () => {
    expect(decide('a', row({ status: 'COMPLETED', operation: 'CREATE', last_applied: 'CREATE' }))).toEqual({
      hash_id: 'a',
      status: 'ERROR',
      error_details: LOST_CREATE,
      data: null,
    });
    expect(
      decide('a', row({ status: 'COMPLETED', operation: 'UPDATE', last_applied: 'UPDATE' })).error_details,
    ).toMatch(/^Operation UPDATE marked as COMPLETED but record not found/);
  });

  it('does not call a deleted record lost: a tombstone, or a later applied DELETE after the tombstone was purged', () => {
    const deleted = { hash_id: 'a', status: 'COMPLETED', note: 'Record was deleted', data: null };
    expect(decide('a', row({ status: 'COMPLETED', operation: 'CREATE', tombstone: true }))).toEqual(deleted);
    expect(decide('a', row({ status: 'COMPLETED', operation: 'UPDATE', last_applied: 'DELETE' }))).toEqual(deleted);
  });

  it('answers ERROR with the literal message when the row exists without an operation', () => {
    expect(decide('a', row({ row_exists: true, row_matches_ver: true }))).toEqual({
      hash_id: 'a',
      status: 'ERROR',
      error_details:
        'Operation record missing but data exists in main table - please resend to recreate operation history',
      data: null,
    });
  });

  it('answers NOT_FOUND when neither exists, the row is of another version than asked, or only a tombstone is left', () => {
    expect(decide('a', row({}))).toEqual({ hash_id: 'a', status: 'NOT_FOUND', data: null });
    expect(decide('a', row({ row_exists: true, row_matches_ver: false }))).toEqual({
      hash_id: 'a',
      status: 'NOT_FOUND',
      data: null,
    });
    expect(decide('a', row({ tombstone: true, ver: 2 }))).toEqual({ hash_id: 'a', status: 'NOT_FOUND', data: null });
  });

  it('answers CONFLICT with what the server holds, never asking for a resend', () => {
    const note = 'Conflict: based on version 1, the record is at version 2';
    expect(
      decide('a', row({ status: 'CONFLICT', operation: 'UPDATE', note, row_exists: true, ver: 2, data: { qty: 8 } })),
    ).toEqual({
      hash_id: 'a',
      status: 'CONFLICT',
      note,
      data: null,
      conflict: { server_ver: 2, server_data: { qty: 8 }, deleted: false },
    });
    expect(decide('a', row({ status: 'CONFLICT', note, tombstone: true, ver: 3 })).conflict).toEqual({
      server_ver: 3,
      server_data: null,
      deleted: true,
    });
  });
});
