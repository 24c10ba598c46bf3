import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/**
 * A store's web app as a static site on its own origin: `/` is a page that loads the client's
 * browser build (ES modules from libs/client/dist/esm, served under /client/) and exposes it as
 * `globalThis.resync`.
 */
export async function startPageServer(
  clientBuild: string,
  host: string,
): Promise<{ origin: string; close(): Promise<void> }> {
  const page = `<!doctype html><meta charset="utf-8"><title>store app</title>
<script type="module">import * as resync from '/client/index.js'; globalThis.resync = resync; document.title = 'ready';</script>`;
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    if (path === '/') return send(response, 200, '.html', page);
    if (path.startsWith('/client/')) {
      const file = normalize(join(clientBuild, path.slice('/client/'.length)));
      if (!file.startsWith(clientBuild + sep)) return send(response, 404, '.html', 'not found');
      try {
        return send(response, 200, extname(file), await readFile(file));
      } catch {
        return send(response, 404, '.html', 'not found');
      }
    }
    send(response, 404, '.html', 'not found');
  });
  await new Promise<void>((done) => server.listen(0, host, () => done()));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://${host}:${port}`,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

function send(response: import('node:http').ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': TYPES[type] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  response.end(body);
}
