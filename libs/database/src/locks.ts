/** Advisory lock keys (one namespace for the whole app, so keys never collide). */
export enum LockKey {
  StaleOperations = 7_340_001,
  SyncFailureCleanup = 7_340_002,
  SyncFailureAlerts = 7_340_003,
  TombstonePurge = 7_340_004,
  MetricsRefresh = 7_340_005,
  OperationLogPartitions = 7_340_006,
  OperationLogRetention = 7_340_007,
  /** Outbox claims, one at a time: taken by the database function sync_outbox_claim (its migration holds the number). */
  OutboxClaim = 7_340_008,
}
