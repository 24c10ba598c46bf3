/** 401 or 403: the key is missing, wrong or revoked. Sync stops; nothing is dropped. */
export class ResyncAuthError extends Error {
  override readonly name = 'ResyncAuthError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`HTTP ${status}: ${message}`);
  }
}

/** The client was closed. */
export class ResyncClosedError extends Error {
  override readonly name = 'ResyncClosedError';
  constructor() {
    super('The client is closed');
  }
}
