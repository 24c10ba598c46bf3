/** A token, or a function returning the current one (sync or async), e.g. from the app's identity provider. */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * What goes in `Authorization: Bearer …`: a fixed key, or a token asked of the app's function
 * once and then again only after a 401. A 401 with a token the function still returns is final
 * (asking again would loop on the same refusal); concurrent 401s share one call.
 */
export class Credential {
  private current?: string;
  private renewing?: Promise<string>;

  constructor(private source: TokenSource) {}

  /** The credential to send now (asks the function the first time). */
  async value(): Promise<string> {
    if (this.current === undefined) this.current = await this.ask();
    return this.current;
  }

  /** After a 401 answered to `used`: a different credential to try once, or undefined to stop. */
  async renewed(used: string): Promise<string | undefined> {
    if (typeof this.source === 'string') return undefined;
    // Another request already renewed it while this one was in flight.
    if (this.current !== undefined && this.current !== used) return this.current;
    this.renewing ??= this.ask().finally(() => (this.renewing = undefined));
    const next = await this.renewing;
    this.current = next;
    return next !== used ? next : undefined;
  }

  /** A new fixed key (setApiKey), or a token to use until the next 401 (with a token function). */
  set(value: string): void {
    if (typeof this.source === 'string') this.source = value;
    this.current = value;
  }

  private async ask(): Promise<string> {
    const value = typeof this.source === 'string' ? this.source : await this.source();
    if (typeof value !== 'string' || value === '') throw new TypeError('The token function returned no token');
    return value;
  }
}
