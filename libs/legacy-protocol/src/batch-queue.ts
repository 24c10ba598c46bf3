import { SyncedTable } from '@app/common';
import { IngestResult, ReceivedChange } from '@app/ingest';

/** What the protocol needs of the asynchronous ingest pipeline: queue a batch as one job. */
export interface BatchQueue {
  enqueue(
    clientId: string,
    table: SyncedTable,
    received: ReceivedChange[],
  ): Promise<{ jobId: string; results: IngestResult[] }>;
}

export const BATCH_QUEUE = Symbol('BATCH_QUEUE');
