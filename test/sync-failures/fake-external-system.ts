import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface PlannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to overlap deliveries, or to outlast the client's timeout). */
  delayMs?: number;
  /** A batch request's answer per message: the body becomes `{"results":[...]}` (docs/external-sync.md). */
  perMessage?: (message: ReceivedMessage) => { status: number; error?: string; retry_after?: number };
}

export interface DeliveryBody {
  entity_type: string;
  entity_id: string;
  action: string;
  client_id: string;
  payload: Record<string, unknown>;
  operation_id: string | null;
}

/** One change as received, in either mode: its key is the header (one change a request) or `idempotency_key` (a batch). */
export interface ReceivedMessage extends DeliveryBody {
  key: string | undefined;
}

export interface ReceivedRequest {
  /** The request's JSON: one change, or (batch mode) an array of them. */
  body: DeliveryBody;
  /** The changes it carried (one, or a batch's). */
  messages: ReceivedMessage[];
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  /** The status it was answered with. */
  status: number;
}

/**
 * The external system, on 127.0.0.1: records every request and answers from a queue of planned
 * responses, then with the standing answer (200 unless told otherwise).
 */
export class FakeExternalSystem {
  readonly received: ReceivedRequest[] = [];
  private planned: PlannedResponse[] = [];
  private standing: PlannedResponse = { status: 200 };

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeExternalSystem> {
    // Requests reach the handler only once listening, after `fake` below exists.
    const server = createServer((request, response) => void fake.handle(request, response));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeExternalSystem(server, `http://127.0.0.1:${port}/sync`);
    return fake;
  }

  /** Answer the next requests with these, in order. */
  respondNext(...responses: PlannedResponse[]): this {
    this.planned.push(...responses);
    return this;
  }

  /** Answer every request not planned with this. */
  respondAlways(response: PlannedResponse): this {
    this.standing = response;
    return this;
  }

  reset(): void {
    this.received.length = 0;
    this.planned = [];
    this.standing = { status: 200 };
  }

  /** Every change received, request after request (a batch's in its order). */
  receivedMessages(): ReceivedMessage[] {
    return this.received.flatMap((r) => r.messages);
  }

  /** Requests answered 2xx, i.e. deliveries the external system accepted. */
  accepted(): ReceivedRequest[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = this.planned.shift() ?? this.standing;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as
      DeliveryBody | (DeliveryBody & { idempotency_key: string })[];
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    const messages = Array.isArray(body)
      ? body.map(({ idempotency_key, ...m }) => ({ ...m, key: idempotency_key }))
      : [{ ...body, key: idempotencyKey }];
    this.received.push({
      body: body as DeliveryBody,
      messages,
      idempotencyKey,
      contentType: request.headers['content-type'],
      status: answer.status,
    });
    if (answer.delayMs) await new Promise((done) => setTimeout(done, answer.delayMs));
    if (response.destroyed) return;
    response.writeHead(answer.status, answer.headers);
    const perMessage = answer.perMessage;
    const results = perMessage && messages.map((m) => ({ idempotency_key: m.key, ...perMessage(m) }));
    response.end(results ? JSON.stringify({ results }) : (answer.body ?? ''));
  }
}

/** A URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}/sync`;
}
