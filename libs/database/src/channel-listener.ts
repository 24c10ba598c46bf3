import { Client, ClientConfig } from 'pg';

/**
 * LISTEN on a channel over a connection of its own (a pooled one is handed to other work between
 * queries, and would miss notifications): calls `onNotify` for each NOTIFY, and reconnects with
 * backoff (1 s doubling to 30 s) when the connection is lost. A notification sent while it is down
 * is missed, so listeners poll as well; this only makes them react sooner.
 */
export class ChannelListener {
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private readonly lostClients = new WeakSet<Client>();

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Connects and listens; a failure is reported and retried in the background. */
  async start(): Promise<void> {
    await this.connect(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(attempt: number): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.config);
    client.on('notification', (message) => message.channel === this.channel && this.onNotify());
    client.on('error', (error) => this.lost(client, error, 0));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped) return void (await client.end());
      this.client = client;
      this.onNotify(); // anything sent while it was not listening
    } catch (error) {
      this.lost(client, error as Error, attempt);
    }
  }

  private lost(client: Client, error: Error, attempt: number): void {
    if (this.stopped || this.lostClients.has(client)) return; // one client can fail twice (query, then 'error')
    this.lostClients.add(client);
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    this.onError(error);
    const delay = Math.min(30_000, 1_000 * 2 ** attempt);
    this.retry = setTimeout(() => void this.connect(attempt + 1), delay);
  }
}
