import { decide } from './record-status.service';
import { StatusRow } from './record-status.repository';

const row = (overrides: Partial<StatusRow>): StatusRow => ({ status: null, error: null, row_exists: false, row_matches_ver: false, ver: null, data: null, ...overrides });

describe(decide.name, () => {
  it('answers an operation with its status; QUEUED and PROCESSING are PROCESSING', () => {
    expect(decide('a', row({ status: 'QUEUED', row_exists: true }))).toEqual({ hash_id: 'a', status: 'PROCESSING', data: null });
    expect(decide('a', row({ status: 'PROCESSING' }))).toEqual({ hash_id: 'a', status: 'PROCESSING', data: null });
    expect(decide('a', row({ status: 'ERROR', error: 'bad ver' }))).toEqual({ hash_id: 'a', status: 'ERROR', error_details: 'bad ver', data: null });
  });

  it('gives the row as data on COMPLETED, system fields first', () => {
    const result = decide('a', row({ status: 'COMPLETED', row_exists: true, row_matches_ver: true, ver: 2, data: { name: 'John' } }));
    expect(result).toEqual({ hash_id: 'a', status: 'COMPLETED', data: { _hash_id: 'a', _ver: 2, name: 'John' } });
    expect(Object.keys(result.data!)).toEqual(['_hash_id', '_ver', 'name']);
  });

  it('answers COMPLETED with null data when the completed operation deleted the row', () => {
    expect(decide('a', row({ status: 'COMPLETED' }))).toEqual({ hash_id: 'a', status: 'COMPLETED', data: null });
  });

  it('answers ERROR with the literal message when the row exists without an operation', () => {
    expect(decide('a', row({ row_exists: true, row_matches_ver: true }))).toEqual({
      hash_id: 'a',
      status: 'ERROR',
      error_details: 'Operation record missing but data exists in main table - please resend to recreate operation history',
      data: null,
    });
  });

  it('answers NOT_FOUND when neither exists, or the row is of another version than asked', () => {
    expect(decide('a', row({}))).toEqual({ hash_id: 'a', status: 'NOT_FOUND', data: null });
    expect(decide('a', row({ row_exists: true, row_matches_ver: false }))).toEqual({ hash_id: 'a', status: 'NOT_FOUND', data: null });
  });
});
