import { Tx } from '@app/database';

/**
 * A scheduled job: what runs, when, and whether only one instance may run a tick. The work is a
 * plain function a test can call through `Jobs.runOnce`; the schedule comes from the validated
 * config, never from process.env at import time.
 */
export interface Job<T = unknown> {
  /** Unique name: the SchedulerRegistry key, and the label in logs and metrics. */
  name: string;
  /** 6-field cron expression (with seconds), already validated by loadAppConfig. */
  cron: string;
  /**
   * Advisory lock key (LockKey): when set, a tick runs only on the instance that wins the
   * transaction-scoped lock, and `run` gets that transaction.
   */
  lock?: number;
  run(tx?: Tx): Promise<T>;
  /** Called instead of `run` when another instance holds the lock (for example to drop stale state). */
  skipped?(): void;
}

export interface JobRun<T> {
  /** False when another instance held the job's advisory lock, so this one did nothing. */
  ran: boolean;
  result?: T;
}
