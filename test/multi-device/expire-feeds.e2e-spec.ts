import { expireFeeds } from '@app/database';
import { createTestApp, recordId, TestApp } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { Page } from './feed-kit';

/**
 * `npm run db:expire-feeds` (docs/scaling.md "Shard moves and the change feed"): after a client's
 * rows moved to a server with other transaction ids (a Citus shard move, a restore), every cursor
 * of that client written before must expire (410) so its devices pull in full once; other
 * clients' cursors are untouched, and the full pull then serves every row and later writes.
 */
describe('Expiring the change feed cursors of moved clients', () => {
  let t: TestApp;
  const pull = (who: 'MTY' | 'GDL', since?: string) =>
    t.as(who).get(`/tables/venta/changes${since ? `?since=${encodeURIComponent(since)}` : ''}`);
  /** Pulls (in full from `since`) until the feed has served `ids` (the feed waits for older open transactions). */
  const pullUntil = async (who: 'MTY' | 'GDL', ids: string[], since?: string) => {
    const seen = new Set<string>();
    let cursor = since;
    for (let tries = 0; tries < 200; tries++) {
      const page = (await pull(who, cursor).expect(200)).body as Page;
      page.changes.forEach((c) => seen.add(c.id));
      cursor = page.next;
      if (!page.has_more && ids.every((id) => seen.has(id))) return { cursor, seen };
      if (!page.has_more) await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the feed did not serve ${ids.join(', ')}`);
  };

  beforeAll(async () => {
    t = await createTestApp({ module: (config) => ApiModule.register(config) });
  });
  afterAll(() => t.close());

  it("expires the named clients' cursors only, and the full pull after it serves everything", async () => {
    const mine = [recordId('moved'), recordId('moved')];
    const theirs = [recordId('stays')];
    for (const id of mine) await t.as('MTY').post('/items').send({ id, n: 1 }).expect(200);
    for (const id of theirs) await t.as('GDL').post('/items').send({ id, n: 1 }).expect(200);
    const moved = await pullUntil('MTY', mine);
    const stays = await pullUntil('GDL', theirs);

    expect(await expireFeeds(t.database.url, ['MTY_001'])).toEqual([{ clientId: 'MTY_001', rows: 2 }]);

    expect((await pull('MTY', moved.cursor).expect(410)).body).toMatchObject({ code: 'cursor_expired' });
    await pull('GDL', stays.cursor).expect(200);
    const full = await pullUntil('MTY', mine);
    expect([...full.seen].sort()).toEqual([...mine].sort());
    // The cursor of the full pull goes on: a later write comes, no 410.
    const later = recordId('moved');
    await t.as('MTY').post('/items').send({ id: later, n: 2 }).expect(200);
    expect([...(await pullUntil('MTY', [later], full.cursor)).seen]).toEqual([later]);
  });
});
