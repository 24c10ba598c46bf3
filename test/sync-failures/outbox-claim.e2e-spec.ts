import { SyncFailuresService } from '@app/sync-failures';
import { OutboxRepository } from '@app/sync-failures/outbox/outbox.repository';
import { insertFailure, MINUTE, useSyncApp, SyncApp } from './sync-test-kit';

/**
 * The outbox claim (OutboxRepository.claim): one lease per round, each record's oldest entry only,
 * found in the outbox's head. Called directly, as rounds of different instances would.
 */
describe('Outbox claims', () => {
  let app: SyncApp;
  useSyncApp((suite) => (app = suite.app));

  const repository = () => app.t.get<OutboxRepository>(OutboxRepository);
  const lease = () => new Date(app.clock.now().getTime() + 5 * MINUTE);
  const claim = (limit: number) => repository().claim(app.clock.now(), lease(), limit);
  const records = (entries: { record_id: string }[]) => entries.map((e) => e.record_id);

  /** Outbox entries of `ids` in this order (a record named twice gets two changes). */
  async function write(ids: string[]): Promise<void> {
    const seen = new Set<string>();
    for (const [total, id] of ids.entries()) {
      if (seen.has(id)) await app.t.as('MTY').put(`/items/${id}`).send({ total }).expect(200);
      else await app.t.as('MTY').post('/items').send({ id, total }).expect(200);
      seen.add(id);
    }
    expect(await app.outboxCount()).toBe(ids.length);
  }

  it("takes each record's oldest entry, skips what another round holds, and frees a record's next entry when a round settles", async () => {
    await write(['a', 'a', 'b', 'a', 'c']);
    const first = await claim(2);
    expect(records(first)).toEqual(['a', 'b']);
    expect(new Set(first.map((e) => e.lease_id)).size).toBe(1);

    // Another round meanwhile: a's next change waits behind the one being delivered.
    const second = await claim(10);
    expect(records(second)).toEqual(['c']);
    expect(second[0].lease_id).not.toBe(first[0].lease_id);
    expect(await claim(10)).toEqual([]);

    // The first round settles (a delivered, b failed): a's next change is claimable, b's record waits behind its failure.
    const failures = app.t.get<SyncFailuresService>(SyncFailuresService);
    const [a, b] = first;
    const failure = {
      outboxId: b.id,
      entityType: 'SALE',
      entityId: `MTY_001:${b.record_id}`,
      action: b.action,
      error: 'HTTP 503: Service Unavailable',
      payload: b.payload,
      clientId: b.client_id,
      tableName: b.table_name,
      recordId: b.record_id,
      operationId: BigInt(b.operation_id),
      permanent: false,
    };
    expect(await failures.settleOutbox([a.id, b.id], a.lease_id, [failure], app.clock.now())).toEqual({
      removed: 2,
      failed: 1,
    });
    const third = await claim(10);
    expect(records(third)).toEqual(['a']);
    expect(JSON.parse(third[0].payload)).toMatchObject({ _hash_id: 'a', total: 1 });
  });

  it('never lets a record waiting behind its failure fill the head, however many changes it holds', async () => {
    await insertFailure(app.t, { recordId: 'stuck', createdAt: app.clock.now() });
    await write(['stuck', 'stuck', 'stuck', 'stuck', 'stuck', 'stuck', 'g', 'h']);
    // A claim of 2 reads a head of 4 entries: the six of 'stuck' are not among them.
    expect(records(await claim(2))).toEqual(['g', 'h']);
  });

  it('frees the entries of a lease that expired, and writes nothing for the round that held it', async () => {
    await write(['x', 'y']);
    const dead = await claim(10);
    expect(records(dead)).toEqual(['x', 'y']);
    expect(await claim(10)).toEqual([]);

    app.clock.advance(5 * MINUTE + 1);
    const taken = await claim(10);
    expect(records(taken)).toEqual(['x', 'y']);
    // The dead round's lease is gone: its settle removes nothing, the new claimer's entries stay its own.
    const failures = app.t.get<SyncFailuresService>(SyncFailuresService);
    expect(
      await failures.settleOutbox(
        dead.map((e) => e.id),
        dead[0].lease_id,
        [],
        app.clock.now(),
      ),
    ).toEqual({
      removed: 0,
      failed: 0,
    });
    expect(await app.outboxCount()).toBe(2);
  });

  it('gives claims made at the same moment disjoint entries, never two changes of one record', async () => {
    await write(['c-1', 'c-2', 'c-1', 'c-3', 'c-2', 'c-4', 'c-5', 'c-1', 'c-6']);
    const claims = await Promise.all([claim(2), claim(2), claim(2), claim(2)]);
    const claimed = claims.flat();
    expect(new Set(claimed.map((e) => e.id)).size).toBe(claimed.length);
    expect(new Set(records(claimed)).size).toBe(claimed.length);
    expect(records(claimed).sort()).toEqual(['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6']);
  });

  it('gives back what a round never attempted: release ends its lease', async () => {
    await write(['r-1', 'r-2']);
    const held = await claim(10);
    expect(await claim(10)).toEqual([]);
    await repository().release(held[0].lease_id);
    expect(records(await claim(10))).toEqual(['r-1', 'r-2']);
  });
});
