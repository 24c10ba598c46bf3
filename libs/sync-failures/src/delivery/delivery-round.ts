import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { DeliveryResult, SyncMessage, SyncTarget } from '../target';
import { claimLeaseMs } from './backoff';
import { mapBounded } from './map-bounded';

/** A message to send for a claimed item, or why none can be sent (a permanent problem, never sent). */
export type Prepared = { message: SyncMessage } | { refused: string };

/** One claimed item after delivery: what was sent (if anything) and how it went. */
export interface Attempt<T> {
  item: T;
  message?: SyncMessage;
  result: DeliveryResult;
}

/**
 * What the outbox and the retries each supply to a round. Every claim carries a lease
 * (`leaseUntil`): it is the claim's token for record and release, and expires if the instance dies.
 */
export interface DeliverySource<T, R> {
  claim(now: Date, leaseUntil: Date, limit: number): Promise<T[]>;
  prepare(items: T[]): Promise<Prepared[]>;
  /** Writes the outcome of every attempted item (in one transaction). */
  record(attempts: Attempt<T>[], leaseUntil: Date, finishedAt: Date): Promise<R>;
  /** Gives back items never attempted (the instance is stopping). */
  release(items: T[], leaseUntil: Date): Promise<void>;
}

export interface RoundOptions {
  batchSize: number;
  /** Once true, no new delivery starts; those not started are released. */
  stopped: () => boolean;
}

/**
 * The one delivery loop of external sync: claim a batch under a lease, deliver it with bounded
 * concurrency, record every outcome, release what was not attempted. The outbox dispatcher (first
 * deliveries) and the retry service (failed ones) differ only in their DeliverySource.
 */
@Injectable()
export class DeliveryRound {
  constructor(
    private readonly target: SyncTarget,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.target.enabled;
  }

  /** One round; undefined when nothing was claimed. */
  async run<T, R>(source: DeliverySource<T, R>, options: RoundOptions): Promise<R | undefined> {
    const now = this.clock.now();
    const leaseUntil = new Date(
      now.getTime() +
        claimLeaseMs(options.batchSize, this.config.syncRetryConcurrency, this.config.externalSyncTimeoutMs),
    );
    const items = await source.claim(now, leaseUntil, options.batchSize);
    if (items.length === 0) return undefined;
    const prepared = await source.prepare(items);
    const results = await mapBounded(prepared, this.config.syncRetryConcurrency, (p) => this.send(p), options.stopped);
    const attempts: Attempt<T>[] = [];
    const unattempted: T[] = [];
    items.forEach((item, i) => {
      const result = results[i];
      const p = prepared[i];
      if (result === undefined) unattempted.push(item);
      else attempts.push({ item, message: 'message' in p ? p.message : undefined, result });
    });
    const recorded = await source.record(attempts, leaseUntil, this.clock.now());
    await source.release(unattempted, leaseUntil);
    return recorded;
  }

  private send(prepared: Prepared): Promise<DeliveryResult> {
    return 'message' in prepared
      ? this.target.deliver(prepared.message)
      : Promise.resolve({ kind: 'permanent', error: prepared.refused });
  }
}
