import { diff, HistoryStep, payloadChanges } from './payload-changes';

const step = (
  operation: string,
  payload: Record<string, unknown> | null,
  extra: Partial<HistoryStep> = {},
): HistoryStep => ({ operation, status: 'COMPLETED', note: null, payload, ...extra });

describe(payloadChanges.name, () => {
  it('shows what an applied UPDATE changed against the version before it', () => {
    const changes = payloadChanges([
      step('CREATE', { total: 1, coupon: 'X1', items: [1] }),
      step('UPDATE', { total: 2, items: [1], late: true }),
    ]);
    expect(changes).toEqual([null, { total: { from: 1, to: 2 }, coupon: { from: 'X1' }, late: { to: true } }]);
  });

  it('compares with the last write that changed the row, skipping duplicates, stale writes and failures', () => {
    const changes = payloadChanges([
      step('CREATE', { total: 1 }),
      step('CREATE', { total: 9 }, { note: 'Duplicate bypassed' }),
      step('UPDATE', { total: 8 }, { note: 'Stale version ignored' }),
      step('UPDATE', { total: 7 }, { status: 'ERROR' }),
      step('UPDATE', { total: 3 }, { status: 'QUEUED' }),
      step('UPDATE', { total: 2 }),
      step('UPDATE', { total: 2 }),
    ]);
    expect(changes).toEqual([null, null, null, null, null, { total: { from: 1, to: 2 } }, {}]);
  });

  it('has nothing to compare with when the previous version is unknown or absent', () => {
    expect(payloadChanges([step('UPDATE', { total: 2 })])).toEqual([null]);
    expect(payloadChanges([step('CREATE', null), step('UPDATE', { total: 2 })])).toEqual([null, null]);
    expect(
      payloadChanges([
        step('CREATE', { total: 1 }),
        step('DELETE', null),
        step('UPDATE', { total: 2 }, { note: 'Record did not exist - created by update' }),
      ]),
    ).toEqual([null, null, null]);
    // an UPDATE kept without its payload breaks the chain until the next known version
    expect(
      payloadChanges([
        step('CREATE', { a: 1 }),
        step('UPDATE', null),
        step('UPDATE', { a: 3 }),
        step('UPDATE', { a: 4 }),
      ]),
    ).toEqual([null, null, null, { a: { from: 3, to: 4 } }]);
  });
});

describe(diff.name, () => {
  it('compares nested values by content and keeps a field named __proto__ as a field', () => {
    const before = JSON.parse('{"__proto__": 1, "items": [{"sku": "A", "qty": 1}], "same": {"a": [1, 2]}}');
    const after = JSON.parse('{"__proto__": 2, "items": [{"sku": "A", "qty": 2}], "same": {"a": [1, 2]}}');
    const changes = diff(before, after);
    expect(Object.keys(changes)).toEqual(['__proto__', 'items']);
    expect(JSON.parse(JSON.stringify(changes))).toEqual(
      JSON.parse(
        '{"__proto__": {"from": 1, "to": 2}, "items": {"from": [{"sku": "A", "qty": 1}], "to": [{"sku": "A", "qty": 2}]}}',
      ),
    );
  });
});
