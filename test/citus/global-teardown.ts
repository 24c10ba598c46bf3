import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __RESYNC_CITUS__?: { dir: string; stop(mode?: string): void } }).__RESYNC_CITUS__;
  if (!cluster) return; // CITUS_COORDINATOR_URL's cluster: each spec file dropped its own database
  cluster.stop('fast');
  rmSync(cluster.dir, { recursive: true, force: true });
}
