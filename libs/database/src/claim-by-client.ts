/**
 * A claim that spans clients, made client by client (docs/scaling.md "How resync runs on Citus"):
 * on Citus a `FOR UPDATE` may lock rows of one shard only, so a job first reads which clients have
 * due work (without locks, oldest due first: no client waits behind newer work of others), then
 * claims with `FOR UPDATE SKIP LOCKED` filtered to one client at a time, until `limit` is reached.
 * Instances that read the same clients skip each other's locked rows as before.
 */
export async function claimByClient<T>(
  clients: readonly string[],
  limit: number,
  claim: (clientId: string, room: number) => Promise<T[]>,
): Promise<T[]> {
  const claimed: T[] = [];
  for (const clientId of clients) {
    if (claimed.length >= limit) break;
    claimed.push(...(await claim(clientId, limit - claimed.length)));
  }
  return claimed;
}
