import { applyAndLogSql } from './apply-and-log.statement';
import { kindsSuffix, operationKinds } from './apply-and-log.upserts';

describe('The apply-and-log statement per kind of operation', () => {
  const change = (operation: 'CREATE' | 'UPDATE' | 'DELETE') => ({ operation });

  it('is built for the kinds a batch holds, in a fixed order, and for all of them when it holds none', () => {
    expect(operationKinds([change('CREATE'), change('CREATE')])).toEqual(['CREATE']);
    expect(operationKinds([change('DELETE'), change('CREATE')])).toEqual(['CREATE', 'DELETE']);
    expect(operationKinds([change('UPDATE'), change('DELETE'), change('CREATE')])).toEqual([
      'CREATE',
      'UPDATE',
      'DELETE',
    ]);
    expect(operationKinds([])).toEqual(['CREATE', 'UPDATE', 'DELETE']);
  });

  it('names each set of kinds apart, and the statement for all of them as before', () => {
    expect(kindsSuffix(['CREATE'])).toBe('_c');
    expect(kindsSuffix(['UPDATE', 'DELETE'])).toBe('_ud');
    expect(kindsSuffix(['CREATE', 'UPDATE', 'DELETE'])).toBe('');
  });

  it('leaves out the upserts of the kinds it is not built for', () => {
    const creates = applyAndLogSql('venta', 'insert', { kinds: ['CREATE'] });
    expect(creates).toContain('created AS (');
    expect(creates).not.toMatch(/updated AS \(|deleted AS \(|LEFT JOIN (updated|deleted)|WHEN 'UPDATE'|WHEN 'DELETE'/);
    const all = applyAndLogSql('venta', 'insert');
    for (const part of ['created AS (', 'updated AS (', 'deleted AS (', "WHEN 'UPDATE'", "WHEN 'DELETE'"])
      expect(all).toContain(part);
  });
});
