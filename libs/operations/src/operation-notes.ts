import type { OperationType } from '@app/database';

/** The notes and errors the operation log records; clients and tests match these literally. */
export const OperationNote = {
  DuplicateBypassed: 'Duplicate bypassed',
  StaleVersionIgnored: 'Stale version ignored',
  AlreadyDeleted: 'Already deleted',
  CreatedByUpdate: 'Record did not exist - created by update',
} as const;

/** The note of a change merged over a newer version (its conflict policy `merge`, docs/multi-device.md). */
export function mergedNote(baseVer: number, currentVer: number, how: string): string {
  return `Merged: based on version ${baseVer}, applied over version ${currentVer} (${how})`;
}

/** The note of a conflict: why nothing was applied. */
export function conflictNote(baseVer: number, currentVer: number, why?: string): string {
  return `Conflict: based on version ${baseVer}, the record is at version ${currentVer}${why ? ` (${why})` : ''}`;
}

/** Why a change sent with base_ver to a record with queued operations was refused (it may resend). */
export const QUEUED_BASE_ERROR =
  'The record has operations waiting in the asynchronous queue: resend once they are applied (base_ver is checked against the applied state)';

export const OperationError = {
  MissingOperation:
    'Operation record missing but data exists in main table - please resend to recreate operation history',
  ProcessingInterrupted: 'Processing interrupted - please resend',
  /** A queued operation whose batch failed whole ASYNC_MAX_ATTEMPTS times (the reason is logged, not told). */
  RepeatedFailure: 'Could not be applied after repeated attempts - please resend',
} as const;

/** A COMPLETED CREATE/UPDATE whose row is gone (not deleted by the client): the client must resend. */
export function lostRowError(operation: Exclude<OperationType, 'DELETE'>): string {
  return (
    `Operation ${operation} marked as COMPLETED but record not found in main table ` +
    '(possible causes: manual deletion, transaction rollback or database inconsistency) - please resend to restore the record'
  );
}

/** Status notes (beside `status`, never an error). */
export const StatusNote = {
  RecordDeleted: 'Record was deleted',
} as const;
