import { BadRequestException } from '@nestjs/common';
import { readStatusRequest } from './status-request';

const problemsOf = (body: unknown): string[] => {
  try {
    readStatusRequest(body);
  } catch (error) {
    const message = ((error as BadRequestException).getResponse() as { message: string | string[] }).message;
    return Array.isArray(message) ? message : [message];
  }
  throw new Error('expected a BadRequestException');
};

describe(readStatusRequest.name, () => {
  it('reads the single form', () => {
    expect(readStatusRequest({ hash_id: 'a', id_cola: 'j', ver: 2 })).toEqual({
      single: true,
      queries: [{ hashId: 'a', queueId: 'j', ver: 2 }],
    });
    expect(readStatusRequest({ hash_id: 'a' })).toEqual({
      single: true,
      queries: [{ hashId: 'a', queueId: null, ver: null }],
    });
  });

  it('reads the batch form in order', () => {
    expect(readStatusRequest({ records: [{ hash_id: 'a' }, { hash_id: 'b', ver: 1 }] })).toEqual({
      single: false,
      queries: [
        { hashId: 'a', queueId: null, ver: null },
        { hashId: 'b', queueId: null, ver: 1 },
      ],
    });
  });

  it('names every bad field with its position', () => {
    expect(problemsOf({ records: [{ hash_id: 5 }, { hash_id: 'ok', ver: 0, extra: 1 }, 'x'] })).toEqual([
      'records.0.hash_id must be a string',
      'property records.1.extra should not exist',
      'records.1.ver must be an integer from 1 to 2147483647',
      'records.2 must be an object { hash_id, id_cola?, ver? }',
    ]);
    expect(problemsOf({ hash_id: '', drop: true })).toEqual([
      'property drop should not exist',
      'hash_id must not be empty',
    ]);
    expect(problemsOf({})).toEqual(['hash_id is required']);
  });

  it('refuses both forms at once, an empty or oversized list, and non-objects', () => {
    expect(problemsOf({ hash_id: 'a', records: [{ hash_id: 'b' }] })).toEqual([
      'Send either hash_id (one record) or records (many), not both',
    ]);
    expect(problemsOf({ records: [] })).toEqual(['records must be an array of 1 to 1000 queries']);
    expect(problemsOf({ records: Array.from({ length: 1001 }, (_, i) => ({ hash_id: `r${i}` })) })).toEqual([
      'records must be an array of 1 to 1000 queries',
    ]);
    expect(problemsOf([{ hash_id: 'a' }])).toEqual(['The body must be a JSON object']);
    expect(problemsOf(undefined)).toEqual(['The body must be a JSON object']);
  });
});
