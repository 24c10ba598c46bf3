import { Metrics } from '@app/metrics';
import { performance } from 'node:perf_hooks';
import { DeliveryResult, SyncMessage, SyncTarget } from './sync-target';

/** Any SyncTarget, with each delivery's result and latency recorded (first attempts and retries alike). */
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

  async deliver(message: SyncMessage): Promise<DeliveryResult> {
    const started = performance.now();
    const result = await this.target.deliver(message);
    this.metrics.delivered(result.kind, (performance.now() - started) / 1000);
    return result;
  }
}
