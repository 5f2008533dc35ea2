/**
 * A small static HTTP server (node:http) for the demo site and the crawl test fixtures: GET/HEAD, 404, per-path
 * headers from an optional `_headers.json` (so a GBK page can be served with `charset=gbk`), `{{origin}}` replaced
 * by the server's own origin in text files, and optional custom handlers. Binds 127.0.0.1 only by default.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** Returns true when it answered the request; false lets the static files answer. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Checked before the files, in order. */
  handlers?: RouteHandler[];
  /** Called for every request (path + query), e.g. to count fetches in tests and benchmarks. */
  onRequest?: (method: string, path: string) => void;
}

export interface ServedSite {
  baseUrl: string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** `_headers.json`: `{ "/forum/*": { "content-type": "text/html; charset=gbk" }, "/raw.html": {...} }`. */
function loadHeaderRules(root: string): Array<[string, Record<string, string>]> {
  const file = join(root, '_headers.json');
  if (!existsSync(file)) return [];
  return Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>);
}

function headersFor(path: string, rules: Array<[string, Record<string, string>]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [pattern, headers] of rules) {
    const hit = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (hit) for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  }
  return out;
}

export async function serveStaticSite(rootDir: string, options: ServeOptions = {}): Promise<ServedSite> {
  const root = resolve(rootDir);
  const rules = loadHeaderRules(root);
  let origin = '';

  const serveFile = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile() || path.endsWith('/_headers.json')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...headersFor(path, rules) };
    let body = readFileSync(file);
    // Only UTF-8 text files get the origin substituted; GBK bytes are served exactly as stored.
    if (/charset=utf-8/i.test(headers['content-type'] ?? '') && body.includes('{{origin}}')) {
      body = Buffer.from(body.toString('utf8').replaceAll('{{origin}}', origin), 'utf8');
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    options.onRequest?.(req.method ?? 'GET', url.pathname + url.search);
    void (async () => {
      for (const handler of options.handlers ?? []) if (await handler(req, res, url)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      serveFile(req, res, url);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const { address, port } = server.address() as AddressInfo;
  origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    baseUrl: origin,
    close: () =>
      new Promise<void>((ok, fail) => {
        // Sockets kept alive by clients must not hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : ok()));
      }),
  };
}
