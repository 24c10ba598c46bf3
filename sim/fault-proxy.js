// A fault-injecting HTTP proxy between the clients and the server. Each request is identified by
// its client (from its bearer key) and its number among that client's requests; the fault it gets
// is chance(seed, client, number), so a seed replays the same fault plan.
const http = require('node:http');
const { chance } = require('./random');

/** Share of requests that get each fault while faults are on (the rest pass untouched). */
const DEFAULT_RATES = {
  dropRequest: 0.04, // the connection is cut before the server sees the request
  dropResponse: 0.04, // the server applies the request, its answer is cut
  unavailable: 0.04, // 503 with Retry-After, the server never sees it
  delay: 0.1, // held back up to maxDelayMs before being forwarded
  duplicate: 0.1, // a write forwarded now and replayed later (it can arrive after a newer change)
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);

class FaultProxy {
  /**
   * @param {object} options
   * @param {string} options.target the server's base URL (http://127.0.0.1:port); it may be down
   * @param {Map<string,string>} options.clientsByKey bearer key -> client id
   * @param {string|number} options.seed
   */
  constructor({ target, clientsByKey, seed, rates = DEFAULT_RATES, maxDelayMs = 1500 }) {
    this.target = new URL(target);
    this.clientsByKey = clientsByKey;
    this.seed = seed;
    this.rates = rates;
    this.maxDelayMs = maxDelayMs;
    this.faults = false;
    this.upstreamDown = false;
    this.offline = new Set();
    this.sequence = new Map();
    this.held = [];
    this.counts = {
      requests: 0,
      offline: 0,
      dropRequest: 0,
      dropResponse: 0,
      unavailable: 0,
      delay: 0,
      duplicate: 0,
      replayed: 0,
      upstreamDown: 0,
      feedPages: 0, // change-feed pages answered 200 (pulls)
      cursorExpired: 0, // change-feed answers 410 cursor_expired (a full pull follows)
    };
    this.pagesByDevice = new Map(); // X-Device-Id -> change-feed pages answered 200
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    this.server = http.createServer((request, response) => this.handle(request, response));
    this.server.keepAliveTimeout = 5000;
  }

  listen() {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${this.server.address().port}`)),
    );
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  setFaults(on) {
    this.faults = on;
  }

  /**
   * While the server restarts, the proxy acts as a load balancer whose health check fails: every
   * request is cut, so the new process is not flooded before it is healthy.
   */
  setUpstreamDown(down) {
    this.upstreamDown = down;
  }

  setOffline(clientId, offline) {
    if (offline) this.offline.add(clientId);
    else this.offline.delete(clientId);
  }

  /** Change-feed pages answered 200 to one device (its X-Device-Id). */
  feedPagesOf(deviceId) {
    return this.pagesByDevice.get(deviceId) ?? 0;
  }

  /** Sends every held duplicate to the server now, in the order captured; answers are discarded. */
  async replayDuplicates() {
    const held = this.held.splice(0);
    for (const request of held) {
      await this.forward(request).catch(() => undefined);
      this.counts.replayed++;
    }
    return held.length;
  }

  clientOf(request) {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return (match && this.clientsByKey.get(match[1])) ?? 'unknown';
  }

  decide(clientId) {
    const n = (this.sequence.get(clientId) ?? 0) + 1;
    this.sequence.set(clientId, n);
    if (!this.faults) return { kind: 'pass' };
    let roll = chance(this.seed, 'fault', clientId, n);
    for (const kind of ['dropRequest', 'dropResponse', 'unavailable', 'delay', 'duplicate']) {
      if (roll < this.rates[kind])
        return { kind, delayMs: Math.round(chance(this.seed, 'delay', clientId, n) * this.maxDelayMs) };
      roll -= this.rates[kind];
    }
    return { kind: 'pass' };
  }

  async handle(request, response) {
    this.counts.requests++;
    const clientId = this.clientOf(request);
    const body = await readBody(request).catch(() => null);
    if (body === null) return;
    // A whole store (its client id) or one device (its X-Device-Id) can be cut off.
    if (this.offline.has(clientId) || this.offline.has(request.headers['x-device-id'])) {
      this.counts.offline++;
      return request.socket.destroy();
    }
    if (this.upstreamDown) {
      this.counts.upstreamDown++;
      return request.socket.destroy();
    }
    const fault = this.decide(clientId);
    const captured = { method: request.method, path: request.url, headers: request.headers, body };
    switch (fault.kind) {
      case 'dropRequest':
        this.counts.dropRequest++;
        return request.socket.destroy();
      case 'unavailable':
        this.counts.unavailable++;
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        return response.end(
          JSON.stringify({
            statusCode: 503,
            error: 'Service Unavailable',
            message: 'Injected by the simulation proxy',
          }),
        );
      case 'delay':
        this.counts.delay++;
        await new Promise((wake) => setTimeout(wake, fault.delayMs));
        break;
      case 'duplicate':
        if (WRITE_METHODS.has(request.method)) {
          this.counts.duplicate++;
          this.held.push(captured);
        }
        break;
    }
    let answer;
    try {
      answer = await this.forward(captured);
    } catch {
      // The server is down (killed and restarting) or died mid-request: the client sees a cut
      // connection, as it would behind a real load balancer, and cannot tell whether it applied.
      this.counts.upstreamDown++;
      return request.socket.destroy();
    }
    if (fault.kind === 'dropResponse') {
      this.counts.dropResponse++;
      return request.socket.destroy();
    }
    if (request.method === 'GET' && /\/changes(\?|$)/.test(request.url)) {
      if (answer.status === 200) {
        this.counts.feedPages++;
        const device = request.headers['x-device-id'];
        this.pagesByDevice.set(device, (this.pagesByDevice.get(device) ?? 0) + 1);
      }
      if (answer.status === 410) this.counts.cursorExpired++;
    }
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  }

  forward({ method, path, headers, body }) {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, host: this.target.host, 'content-length': body.length },
        },
        (answer) => {
          readBody(answer).then((data) => {
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            delete headers.connection;
            delete headers['keep-alive'];
            headers['content-length'] = data.length;
            resolve({ status: answer.statusCode, headers, body: data });
          }, reject);
        },
      );
      upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('aborted')));
  });
}

module.exports = { FaultProxy, DEFAULT_RATES };
