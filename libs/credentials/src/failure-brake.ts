/**
 * Failed authentications per address in fixed windows, in this instance's memory: past `limit`
 * in a window an address is braked until the window ends (the authenticator then refuses its
 * keys that would need a database lookup). Per instance, so N instances allow N times the limit;
 * bounded, so a flood of addresses cannot grow it without limit.
 */
export class FailureBrake {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 50_000,
  ) {}

  record(address: string, nowMs: number): void {
    if (this.limit === 0) return;
    const window = this.windows.get(address);
    if (window !== undefined && nowMs - window.start < this.windowMs) {
      window.count += 1;
      return;
    }
    this.windows.delete(address);
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { start: nowMs, count: 1 });
  }

  /** Seconds until the address may try again, or undefined when it is not braked. */
  retryAfter(address: string, nowMs: number): number | undefined {
    if (this.limit === 0) return undefined;
    const window = this.windows.get(address);
    if (window === undefined || window.count < this.limit) return undefined;
    const left = window.start + this.windowMs - nowMs;
    return left > 0 ? Math.ceil(left / 1000) : undefined;
  }
}
