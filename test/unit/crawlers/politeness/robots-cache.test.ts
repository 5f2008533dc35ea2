import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createRobotsCache, maxRobotsBytes, readCapped } from '../../../../crawlers/politeness/robots-cache.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const cache = () => createRobotsCache({ userAgent: 'PulseBot/0.1', timeoutMs: 10_000, checkUrl: async () => undefined });

describe('robots.txt byte cap', () => {
  it('inflates a gzip bomb only as far as the cap, and keeps the rules before it', async () => {
    // 64 MB of comment lines inflate from about 64 KB; a rule after them would be past the cap.
    const head = 'User-agent: *\nDisallow: /private/\n';
    const bomb = gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(64 << 20, '#padding\n'), Buffer.from('Disallow: /\n')]));
    const base = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(bomb));
    const res = await fetch(`${base}/robots.txt`);
    const text = await readCapped(res, maxRobotsBytes);
    expect(text.length).toBeLessThanOrEqual(maxRobotsBytes);
    expect(text.startsWith(head)).toBe(true);
    // The cut line is dropped whole.
    expect(text.endsWith('#padding')).toBe(true);
    const rules = await cache().rulesFor(`${base}/a`);
    expect(rules.isAllowed(`${base}/private/x`)).toBe(false);
    expect(rules.isAllowed(`${base}/public`)).toBe(true);
  });

  it('stops reading an endless chunked robots.txt after the cap (the server is not read to the end)', async () => {
    let written = 0;
    let closed = false;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('User-agent: *\nDisallow: /x\n');
      const chunk = Buffer.alloc(64 * 1024, 'Allow: /a\n');
      const pump = (): void => {
        while (!closed && written < 200 << 20) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => void (closed = true));
      pump();
    });
    const rules = await cache().rulesFor(`${base}/a`);
    expect(rules.isAllowed(`${base}/x/1`)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(true);
    // Socket buffers hold a few MB at most; without the cap all 200 MB would have been read.
    expect(written).toBeLessThan(32 << 20);
  });

  it('reads a small file whole, last line included', async () => {
    const base = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /x'));
    expect((await cache().rulesFor(`${base}/a`)).isAllowed(`${base}/x`)).toBe(false);
  });
});
