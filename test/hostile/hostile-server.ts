/**
 * A hostile site on 127.0.0.1:<random port>: the test gives the handler (gzip bombs, endless chunked bodies, robots
 * files built to backtrack). `close()` drops every open connection, so a server still streaming cannot hold a test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';

export interface HostileServer {
  baseUrl: string;
  /** Requests by path, to assert what the crawler did (and did not) ask for. */
  hits: string[];
  close(): Promise<void>;
}

export async function serveHostile(handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<HostileServer> {
  const hits: string[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    hits.push(url.pathname);
    handler(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Streams `total` bytes made of `line` repeated, as fast as the client reads and no further: `sent()` tells how much
 * was produced before the client hung up, `wire()` how many bytes went to the socket. With `gzip`, the bytes are
 * compressed on the fly (a gzip bomb whose inflated size is `total`, built lazily so the test never holds it); socket
 * buffers then hold far more inflated bytes than the client read, so only the worker's memory tells what it inflated.
 */
export function streamBody(res: ServerResponse, o: { head: string; line: string; total: number; gzip?: boolean }): { sent(): number; wire(): number } {
  let produced = 0;
  let wire = 0;
  let closed = false;
  res.on('close', () => void (closed = true));
  const chunk = Buffer.from(o.line.repeat(Math.ceil((64 * 1024) / o.line.length)));
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...(o.gzip ? { 'content-encoding': 'gzip' } : {}) });
  const sink: NodeJS.WritableStream = o.gzip ? createGzipTo(res, (n) => void (wire += n)) : res;
  sink.write(o.head);
  produced += o.head.length;
  const pump = (): void => {
    while (!closed && produced < o.total) {
      produced += chunk.length;
      if (!sink.write(chunk)) return void sink.once('drain', pump);
    }
    if (!closed) sink.end();
  };
  pump();
  return { sent: () => produced, wire: () => (o.gzip ? wire : produced) };
}

function createGzipTo(res: ServerResponse, onBytes: (n: number) => void): NodeJS.WritableStream {
  const gz = createGzip({ level: 1 });
  gz.on('data', (c: Buffer) => onBytes(c.length));
  gz.pipe(res);
  res.on('close', () => gz.destroy());
  return gz;
}
