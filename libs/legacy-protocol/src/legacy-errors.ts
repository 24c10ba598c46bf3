/**
 * The original server's error codes (`status_id`) and their HTTP statuses. Clients match the code,
 * so these strings are part of the protocol.
 */
export const LegacyCode = {
  MissingOperation: 'MISSING_OPERATION',
  InvalidOperation: 'INVALID_OPERATION',
  InvalidRecords: 'INVALID_RECORDS',
  EmptyRecords: 'EMPTY_RECORDS',
  TooManyRecords: 'TOO_MANY_RECORDS',
  MissingTableName: 'MISSING_TABLE_NAME',
  MissingTable: 'MISSING_TABLE',
  UnknownTable: 'UNKNOWN_TABLE',
  /** A store writing a shared table (docs/multi-device.md): head office's, read-only for stores. */
  SharedTable: 'SHARED_TABLE',
  MissingFieldId: 'MISSING_FIELD_ID',
  InvalidFieldId: 'INVALID_FIELD_ID',
  MissingClientId: 'MISSING_CLIENT_ID',
  ClientIdMismatch: 'CLIENT_ID_MISMATCH',
  InvalidVersion: 'INVALID_VERSION',
  InvalidJson: 'INVALID_JSON',
  InvalidNdjson: 'INVALID_NDJSON',
  InvalidContentType: 'INVALID_CONTENT_TYPE',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unauthorized: 'UNAUTHORIZED',
  NotFound: 'NOT_FOUND',
  RateLimitExceeded: 'RATE_LIMIT_EXCEEDED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  InternalError: 'INTERNAL_ERROR',
} as const;

export type LegacyCode = (typeof LegacyCode)[keyof typeof LegacyCode];

/** `{"status":"error","msg","status_id","status_code"}`: every error of the protocol. */
export interface LegacyErrorEnvelope {
  status: 'error';
  msg: string;
  status_id: string;
  status_code: number;
}

/** A request the protocol refuses: answered as its envelope with `statusCode`, writing nothing. */
export class LegacyProtocolError extends Error {
  constructor(
    readonly code: LegacyCode,
    readonly statusCode: number,
    message: string,
    /** Seconds before trying again (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static badRequest(code: LegacyCode, message: string): LegacyProtocolError {
    return new LegacyProtocolError(code, 400, message);
  }

  envelope(): LegacyErrorEnvelope {
    return { status: 'error', msg: this.message, status_id: this.code, status_code: this.statusCode };
  }
}

/** The code an HTTP status raised outside the protocol's own checks (auth, body parsing, outages) answers with. */
export function codeForStatus(status: number): LegacyCode {
  switch (status) {
    case 400:
      return LegacyCode.InvalidJson;
    case 401:
      return LegacyCode.Unauthorized;
    case 404:
      return LegacyCode.NotFound;
    case 413:
      return LegacyCode.PayloadTooLarge;
    case 415:
      return LegacyCode.InvalidContentType;
    case 429:
      return LegacyCode.RateLimitExceeded;
    case 503:
      return LegacyCode.ServiceUnavailable;
    default:
      return status >= 500 ? LegacyCode.InternalError : LegacyCode.InvalidRecords;
  }
}
