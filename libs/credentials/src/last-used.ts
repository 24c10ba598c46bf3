/**
 * Keys' last use, gathered in memory and written in one statement per flush: a request costs a
 * Map write, never a database write. What was not flushed when an instance dies is lost (last
 * use is for operators' eyes, at most one flush interval behind).
 */
export class LastUsed {
  private pending = new Map<string, Date>();

  constructor(private readonly write: (ids: string[], times: Date[]) => Promise<void>) {}

  saw(id: string, at: Date): void {
    this.pending.set(id, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.write([...batch.keys()], [...batch.values()]);
    } catch (error) {
      // Kept for the next flush unless newer uses came in meanwhile.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      throw error;
    }
  }
}
