import { Metrics } from '@app/metrics';
import { performance } from 'node:perf_hooks';
import { DeliveryResult, SyncMessage, SyncTarget } from './sync-target';

/** Any SyncTarget, with each request's latency and each message's result recorded (first attempts and retries alike). */
export class MeasuredSyncTarget extends SyncTarget {
  constructor(
    private readonly target: SyncTarget,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  get enabled(): boolean {
    return this.target.enabled;
  }

  get batchSize(): number {
    return this.target.batchSize;
  }

  async deliver(messages: SyncMessage[]): Promise<DeliveryResult[]> {
    const started = performance.now();
    const results = await this.target.deliver(messages);
    this.metrics.delivered(
      results.map((r) => r.kind),
      (performance.now() - started) / 1000,
    );
    return results;
  }
}
