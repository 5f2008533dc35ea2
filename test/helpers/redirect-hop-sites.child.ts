/**
 * The two loopback sites of redirect-throttle-crawl.test.ts, served from a child process of their own so that a
 * request is stamped when the host gets it — not when the test process, busy crawling and parsing in the same event
 * loop, gets round to it. Talks over IPC: sends `{ ready, site, other }`, answers `hits` with both hit lists and
 * `reset` by clearing them.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const links = Number(process.argv[2] ?? 3);
type Hit = { path: string; at: number };
const hits: { site: Hit[]; other: Hit[] } = { site: [], other: [] };

const html = (res: ServerResponse, body: string): void =>
  void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`);
const redirect = (res: ServerResponse, location: string): void => void res.writeHead(302, { location }).end();
const article = (res: ServerResponse, name: string): void => html(res, `<h1>微商文章 ${name}</h1><div class="body">囤货的烦恼 ${name}</div>`);

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

let otherBase = '';
const other = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
  hits.other.push({ path: url.pathname, at: performance.timeOrigin + performance.now() });
  const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
  if (hop) return redirect(res, `/a/${hop[1]}`);
  const a = /^\/a\/(\d+)$/.exec(url.pathname);
  return a ? article(res, `other-${a[1]}`) : void res.writeHead(404).end();
});
const site = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
  hits.site.push({ path: url.pathname, at: performance.timeOrigin + performance.now() });
  if (url.pathname === '/solo') return html(res, '<a class="t" href="/go/0">帖子</a>');
  if (url.pathname === '/list') {
    const own = Array.from({ length: links }, (_v, i) => `<a class="t" href="/go/${i}">帖子</a>`);
    const away = Array.from({ length: links }, (_v, i) => `<a class="t" href="/away/${i}">帖子</a>`);
    return html(res, [...own, ...away].join(''));
  }
  // Two hops on this origin before the article: /go/i → /via/i → /a/i.
  const go = /^\/go\/(\d+)$/.exec(url.pathname);
  if (go) return redirect(res, `/via/${go[1]}`);
  const via = /^\/via\/(\d+)$/.exec(url.pathname);
  if (via) return redirect(res, `/a/${via[1]}`);
  // Off to the other origin, which hops once more on itself.
  const away = /^\/away\/(\d+)$/.exec(url.pathname);
  if (away) return redirect(res, `${otherBase}/hop/${away[1]}`);
  const a = /^\/a\/(\d+)$/.exec(url.pathname);
  return a ? article(res, a[1] as string) : void res.writeHead(404).end();
});

otherBase = await listen(other);
const siteBase = await listen(site);
process.on('message', (message: string) => {
  if (message === 'hits') process.send?.({ hits });
  if (message === 'reset') {
    hits.site.length = 0;
    hits.other.length = 0;
    process.send?.({ reset: true });
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true, site: siteBase, other: otherBase });
