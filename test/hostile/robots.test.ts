/**
 * robots.txt as a weapon: rules built to make a backtracking matcher run for minutes (it froze the worker, SIGTERM
 * ignored), a gzip bomb and an endless chunked file (2.93 GB and 1.11 GB workers). Each is decided quickly, in
 * bounded memory, with the rules before the cap obeyed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileCase, type HostileCase } from './hostile-case.js';
import { serveHostile, streamBody, type HostileServer } from './hostile-server.js';
import { articlePage, htmlSource, listPage } from './hostile-sources.js';

let hc: HostileCase | undefined;
let site: HostileServer | undefined;
afterEach(async () => {
  await site?.close();
  await hc?.cleanup();
  hc = site = undefined;
});

const a40 = `/${'a'.repeat(40)}`;
const a60 = `/${'a'.repeat(60)}`;

describe('hostile robots.txt', () => {
  it('robots-backtracking: wildcard rules built to backtrack are decided at once', async () => {
    hc = await startHostileCase('robots-backtracking');
    site = await serveHostile((_req, res, url) => {
      const html = (body: string): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      // 10 wildcards against 40 characters took 90 s per check; 14 against 60 ran for minutes.
      if (url.pathname === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*b\nDisallow: /${'*a'.repeat(14)}*b\n`);
      else if (url.pathname === '/list.html') html(listPage([a40, a60, `${a40}b`, '/go']));
      else if (url.pathname === '/go') res.writeHead(302, { location: `${a60}b` }).end();
      else if (url.pathname.startsWith('/a')) html(articlePage(`微商长路径${url.pathname.length}`));
      else res.writeHead(404).end();
    });
    const file = hc.sourcesFile([htmlSource('robots-backtracking', `${site.baseUrl}/list.html`)]);
    const out = await hc.crawl('robots-backtracking', file, 60_000);
    expect(out.state).toBe('completed');
    // The long all-`a` paths are allowed and stored, the one ending in b is refused, and so is a redirect into one.
    expect(out.summary).toMatchObject({ documentsEmitted: 2, skipped: { robots: 2 } });
    expect(out.summary?.errors).toEqual([{ url: `${site.baseUrl}/go`, code: 'ROBOTS_DISALLOWED', message: `refused ${site.baseUrl}${a60}b: disallowed by its robots.txt (reached by a redirect)` }]);
    expect(site.hits).not.toContain(`${a40}b`);
    // Five requests and a handful of robots checks; a backtracking matcher needs minutes for one check.
    expect(out.ms).toBeLessThan(5000);
    await hc.settle(60_000);
    await hc.finish(`ROBOTS_DISALLOWED for the redirect, 2 documents`, out.ms);
  });

  it('robots-gzip-bomb: a robots.txt inflating to 4 GB is read to 512 KiB only', async () => {
    hc = await startHostileCase('robots-gzip-bomb');
    let robots: { sent(): number; wire(): number } | undefined;
    site = await serveHostile((_req, res, url) => {
      if (url.pathname === '/robots.txt') robots = streamBody(res, { head: 'User-agent: *\nDisallow: /private/\n', line: '# padding padding padding padding\n', total: 4 * 1024 ** 3, gzip: true });
      else if (url.pathname === '/list.html') res.writeHead(200, { 'content-type': 'text/html' }).end(listPage(['/ok.html', '/private/x.html']));
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`微商${url.pathname}`));
    });
    const file = hc.sourcesFile([htmlSource('robots-gzip-bomb', `${site.baseUrl}/list.html`)]);
    const out = await hc.crawl('robots-gzip-bomb', file, 120_000);
    expect(out.state).toBe('completed');
    expect(out.summary).toMatchObject({ documentsEmitted: 1, errors: [], skipped: { robots: 1 } });
    // The worker hung up long before the end of the bomb; what it inflated shows in its peak RSS (finish).
    expect(robots?.sent()).toBeLessThan(4 * 1024 ** 3);
    await hc.settle(60_000);
    await hc.finish(`rules of the first 512 KiB obeyed (1 document, 1 robots skip), hung up after ${Math.round((robots?.wire() ?? 0) / 1024)} KB gzip on the wire`, out.ms);
  });

  it('robots-chunked-200mb: an endless chunked robots.txt is cut at 512 KiB', async () => {
    hc = await startHostileCase('robots-chunked-200mb');
    let robots: { sent(): number; wire(): number } | undefined;
    site = await serveHostile((_req, res, url) => {
      if (url.pathname === '/robots.txt') robots = streamBody(res, { head: 'User-agent: *\nDisallow: /private/\n', line: 'Allow: /public/\n', total: 200 * 2 ** 20 });
      else if (url.pathname === '/list.html') res.writeHead(200, { 'content-type': 'text/html' }).end(listPage(['/ok.html', '/private/x.html']));
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`微商${url.pathname}`));
    });
    const file = hc.sourcesFile([htmlSource('robots-chunked-200mb', `${site.baseUrl}/list.html`)]);
    const out = await hc.crawl('robots-chunked-200mb', file, 120_000);
    expect(out.state).toBe('completed');
    expect(out.summary).toMatchObject({ documentsEmitted: 1, errors: [], skipped: { robots: 1 } });
    expect(robots?.sent()).toBeLessThan(64 << 20);
    await hc.settle(60_000);
    await hc.finish(`rules of the first 512 KiB obeyed (1 document, 1 robots skip), ${Math.round((robots?.sent() ?? 0) / 2 ** 20)} MB of 200 MB sent`, out.ms);
  });
});
