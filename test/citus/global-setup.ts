// Once per `npm run test:citus`: the cluster the spec files make their databases on. With
// CITUS_COORDINATOR_URL, that cluster (a database on its coordinator with the extension and its
// workers registered, as `node scripts/citus-cluster.js start` prints); otherwise a coordinator and
// two workers of the system's PostgreSQL 15 in a temporary directory, on free ports.
const { clusterOf, startLocalCluster } = require('../../scripts/citus-cluster');

interface Cluster {
  coordinatorUrl: string;
  workerUrls: string[];
  dir?: string;
  stop?(mode?: string): void;
}

export default async function globalSetup(): Promise<void> {
  const external = process.env.CITUS_COORDINATOR_URL;
  let cluster: Cluster;
  if (external) {
    cluster = await clusterOf(external);
  } else {
    // Not durable (fsync off) and 8 shards a table instead of 32: each spec file distributes every
    // table into a fresh database; 8 still puts several shards of each table on both workers.
    cluster = await startLocalCluster({ workers: 2, fsync: false, shardCount: 8 });
    (globalThis as { __RESYNC_CITUS__?: Cluster }).__RESYNC_CITUS__ = cluster;
    // Whatever ends jest (a failure in the setup, Ctrl-C), the nodes do not outlive it.
    process.once('exit', () => cluster.stop!('immediate'));
  }
  process.env.RESYNC_CITUS_COORDINATOR_URL = cluster.coordinatorUrl;
  process.env.RESYNC_CITUS_WORKER_URLS = cluster.workerUrls.join(',');
}
