/**
 * limits.maxDocuments across source types, against a loopback site with a 300-item feed, endless JSON paging, a
 * 300-URL sitemap and endless list pages: each run stops at the limit, counts what it left (skip reason
 * `documentLimit`, `limitReached` with DOCUMENT_LIMIT), and the next run takes the items the first one left.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type CrawlSummary, type SourceConfig } from '../../../crawlers/index.js';

const items = 300;
let server: Server;
let baseUrl = '';
const article = (n: number): string =>
  `<html><head><meta charset="utf-8"></head><body><h1>微商文章${n}</h1><article>第${n}篇：代理囤货退款难。</article></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const html = (body: string): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (url.pathname === '/feed.xml') {
      const entries = Array.from({ length: items }, (_, i) => `<item><title>微商条目${i}</title><link>${baseUrl}/a/${i}.html</link><description>代理退款第${i}条</description><pubDate>Mon, 02 Nov 2026 10:00:00 +0800</pubDate></item>`);
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>${entries.join('')}</channel></rss>`);
    } else if (url.pathname === '/api') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const list = Array.from({ length: 50 }, (_, i) => ({ id: `${page}-${i}`, text: `微商第${page}页第${i}条` }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: list }));
    } else if (url.pathname === '/sitemap.xml') {
      const urls = Array.from({ length: items }, (_, i) => `<url><loc>${baseUrl}/a/${i}.html</loc></url>`);
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`);
    } else if (url.pathname.startsWith('/list/')) {
      const n = Number(url.pathname.replace(/\D/g, ''));
      const links = Array.from({ length: 20 }, (_, i) => `<a class="item" href="/a/${n * 20 + i}.html">x</a>`).join('');
      html(`<html><body>${links}<a class="next" href="/list/${n + 1}.html">next</a></body></html>`);
    } else if (url.pathname.startsWith('/a/')) html(article(Number(url.pathname.replace(/\D/g, ''))));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((r) => server.close(r)));

const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'] };

function source(extra: Record<string, unknown>, maxDocuments = 100): SourceConfig {
  const [s] = parseSources(
    { sources: [{ id: 'limited', schedule: '0 0 * * *', topics: ['微商'], politeness: { maxRequestsPerMinute: 60_000, maxConcurrency: 4 }, limits: { maxDocuments, maxPages: 1000, maxDepth: 100 }, ...extra }] },
    'inline',
    { baseUrl },
  );
  return s as SourceConfig;
}

async function crawl(s: SourceConfig, seenSet = new MemorySeenSet()): Promise<CrawlSummary & { docs: number }> {
  let docs = 0;
  const summary = await crawlSource(s, options, { seenSet, sink: async (b) => void (docs += b.length) });
  return { ...summary, docs };
}

const limitNotice = /^document limit reached: this run took 100 documents and article links \(limits\.maxDocuments\); \d+ more items, links and pages were left for later runs/;

describe('limits.maxDocuments', () => {
  it('stops a feed at the limit, and the next run takes the items the first one left', async () => {
    const seenSet = new MemorySeenSet();
    const s = source({ type: 'rss', feedUrls: ['{{baseUrl}}/feed.xml'] });
    const first = await crawl(s, seenSet);
    expect(first).toMatchObject({ docs: 100, documentsEmitted: 100, pagesFetched: 1, limitReached: { code: 'DOCUMENT_LIMIT' } });
    expect(first.skipped.documentLimit).toBe(200);
    expect(first.limitReached?.message).toMatch(limitNotice);
    expect(first.errors).toEqual([]);
    // Items already stored are unchanged and cost nothing from the budget: the second run takes the next 100.
    const second = await crawl(s, seenSet);
    expect(second).toMatchObject({ documentsEmitted: 100, skipped: { unchanged: 100, documentLimit: 100 } });
  });

  it('counts followed feed items as article links', async () => {
    const r = await crawl(source({ type: 'rss', feedUrls: ['{{baseUrl}}/feed.xml'], follow: true, detail: { title: 'h1', body: 'article' } }));
    expect(r).toMatchObject({ documentsEmitted: 100, pagesFetched: 101, skipped: { documentLimit: 200 } });
  });

  it('stops following JSON pages once the limit is reached', async () => {
    const r = await crawl(source({ type: 'json', url: '{{baseUrl}}/api?page=1', itemsPath: 'data', fields: { id: 'id', text: 'text' }, itemUrlTemplate: '{{baseUrl}}/item/{id}', paging: { type: 'page' } }));
    // Pages 1-2 give 100 documents; page 3's link is refused, not fetched.
    expect(r).toMatchObject({ documentsEmitted: 100, pagesFetched: 2, skipped: { documentLimit: 1 }, limitReached: { code: 'DOCUMENT_LIMIT' } });
  });

  it('admits at most the limit of a sitemap\'s pages', async () => {
    const r = await crawl(source({ type: 'sitemap', sitemapUrls: ['{{baseUrl}}/sitemap.xml'], detail: { title: 'h1', body: 'article' } }));
    expect(r).toMatchObject({ documentsEmitted: 100, pagesFetched: 101, skipped: { documentLimit: 200 } });
  });

  it('stops following html list pages once the limit is reached', async () => {
    const r = await crawl(source({ type: 'html', startUrls: ['{{baseUrl}}/list/0.html'], list: { itemLink: 'a.item', nextPage: 'a.next' }, detail: { title: 'h1', body: 'article' } }));
    // Five lists of 20 links fill the budget; the sixth list page is refused.
    expect(r).toMatchObject({ documentsEmitted: 100, pagesFetched: 105, skipped: { documentLimit: 1 } });
  });

  it('reports nothing when a run stays under the limit', async () => {
    const r = await crawl(source({ type: 'rss', feedUrls: ['{{baseUrl}}/feed.xml'] }, 2000));
    expect(r.documentsEmitted).toBe(300);
    expect(r.skipped.documentLimit).toBe(0);
    expect(r.limitReached).toBeUndefined();
  });
});
