/** What one worker batch did. */
export interface WorkSummary {
  completed: number;
  failed: number;
  /** Operations claimed but left QUEUED: an older operation of their record was held by another worker. */
  deferred: number;
}
