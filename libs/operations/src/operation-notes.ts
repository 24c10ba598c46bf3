/** The notes and errors the operation log records; clients and tests match these literally. */
export const OperationNote = {
  DuplicateBypassed: 'Duplicate bypassed',
  StaleVersionIgnored: 'Stale version ignored',
  AlreadyDeleted: 'Already deleted',
  CreatedByUpdate: 'Record did not exist - created by update',
} as const;

export const OperationError = {
  MissingOperation: 'Operation record missing but data exists in main table - please resend to recreate operation history',
  ProcessingInterrupted: 'Processing interrupted - please resend',
} as const;
