import type { AuthenticatedAgent } from './test-app';

/**
 * A client's two read requests, as e2e tests make them (each expects 200 and gives the body's
 * content). `agent` is called at each request, so it may read a TestApp created in beforeAll.
 */
export function recordQueries(agent: () => AuthenticatedAgent) {
  return {
    /** The record's status: POST /records, or /tables/:table/records with `table`. */
    statusOf: async (id: string, extra: Record<string, unknown> = {}, table?: string) =>
      (
        await agent()
          .post(table ? `/tables/${table}/records` : '/records')
          .send({ hash_id: id, ...extra })
          .expect(200)
      ).body,
    /** The record's operations, oldest first (GET /items/:id/history). */
    history: async (id: string) =>
      (
        await agent()
          .get(`/items/${encodeURIComponent(id)}/history`)
          .expect(200)
      ).body.operations,
  };
}
