import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@app/common';
import { DeliveryResult, SyncMessage, SyncTarget } from '../target';
import { claimLeaseMs } from './backoff';
import { RequestSlots } from './request-slots';

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

/** The most items one claim takes (SYNC_DISPATCH_BATCH_SIZE's and SYNC_RETRY_BATCH_SIZE's own limit). */
const MAX_CLAIM = 10_000;

/**
 * Rounds a draining loop keeps in flight (the dispatcher's loops, the retry drain's workers): while
 * one claims or records, the other's requests keep the connections busy. They share the
 * instance's SYNC_RETRY_CONCURRENCY request slots, so each lease allows for the others' requests.
 */
export const ROUNDS_IN_FLIGHT = 2;

/**
 * The one delivery loop of external sync: claim a batch under a lease, deliver it with bounded
 * concurrency (`target.batchSize` messages a request), record every outcome, release what was not
 * attempted. The outbox dispatcher (first deliveries) and the retry service (failed ones) differ
 * only in their DeliverySource. A claim holds at most one change per record, so a request never
 * carries two changes of one record and each record's changes leave in order.
 */
@Injectable()
export class DeliveryRound {
  private readonly slots: RequestSlots;

  constructor(
    private readonly target: SyncTarget,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.slots = new RequestSlots(config.syncRetryConcurrency);
  }

  get enabled(): boolean {
    return this.target.enabled;
  }

  /** Items claimed a round: the configured batch, or enough to fill every connection with a full request in batch mode. */
  claimSize(batchSize: number): number {
    return Math.min(MAX_CLAIM, Math.max(batchSize, this.target.batchSize * this.config.syncRetryConcurrency));
  }

  /** One round; undefined when nothing was claimed. */
  async run<T, R>(source: DeliverySource<T, R>, options: RoundOptions): Promise<R | undefined> {
    const now = this.clock.now();
    const perRequest = this.target.batchSize;
    const limit = this.claimSize(options.batchSize);
    const leaseUntil = new Date(
      now.getTime() +
        claimLeaseMs(
          limit * ROUNDS_IN_FLIGHT,
          this.config.syncRetryConcurrency,
          this.config.externalSyncTimeoutMs,
          perRequest,
        ),
    );
    const items = await source.claim(now, leaseUntil, limit);
    if (items.length === 0) return undefined;
    const prepared = await source.prepare(items);
    const results = new Array<DeliveryResult | undefined>(items.length);
    const requests: number[][] = [];
    prepared.forEach((p, i) => {
      if ('refused' in p) results[i] = { kind: 'permanent', error: p.refused };
      else if (requests.length === 0 || requests[requests.length - 1].length >= perRequest) requests.push([i]);
      else requests[requests.length - 1].push(i);
    });
    await Promise.all(
      requests.map(async (indexes) => {
        const messages = indexes.map((i) => (prepared[i] as { message: SyncMessage }).message);
        const sent = await this.slots.run(() => this.target.deliver(messages), options.stopped);
        if (sent) indexes.forEach((index, k) => (results[index] = sent[k]));
      }),
    );
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
}
