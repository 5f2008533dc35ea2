/**
 * Politeness and failure handling on a loopback fixture site: robots.txt disallow, a flaky endpoint (500 then 200),
 * a slow endpoint (timeout after retries), a redirect to a forbidden internal address, oversized pages (declared and
 * chunked), malformed HTML, a PDF behind an article link and a 404 — asserting the exact documents and the summary.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { hashAuthor } from '../../../crawlers/document-ids.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

const hits = new Map<string, number>();
const count = (path: string): number => hits.get(path) ?? 0;
let site: ServedSite;
let internal: Server;
let internalHits = 0;
let internalPort = 0;

const article = (title: string, body: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p class="by">作者：<span class="author">阿强</span> · <span class="date">5分钟前</span></p><div class="body"><p>${body}</p></div></article></body></html>`;

beforeAll(async () => {
  // Stands in for an internal service: reachable on this machine, so only the crawler's guard keeps it unvisited.
  internal = createServer((_req, res) => {
    internalHits++;
    res.end('<html><body><h1>微商内部数据</h1><div class="body">secret</div></body></html>');
  });
  await new Promise<void>((ok) => internal.listen(0, '127.0.0.2', ok));
  internalPort = (internal.address() as AddressInfo).port;

  site = await serveFixtureSite('edge-cases', {
    onRequest: (_m, path) => hits.set(path, count(path) + 1),
    handlers: [
      (_req, res, url) => {
        switch (url.pathname) {
          case '/flaky.html':
            if (count('/flaky.html') === 1) res.writeHead(500).end('temporarily broken');
            else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article('微商代理的偶发故障', '第二次请求才成功。'));
            return true;
          case '/slow.html':
            setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(article('很慢的微商页面', '太慢了。')), 3000).unref();
            return true;
          case '/redirect-forbidden.html':
            res.writeHead(302, { location: `http://127.0.0.2:${internalPort}/secret.html` }).end();
            return true;
          case '/huge.html': {
            const body = article('超大的微商页面', '大'.repeat(100_000));
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
            return true;
          }
          case '/report.pdf':
            res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 微商');
            return true;
          case '/huge-chunked.html': {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            for (let i = 0; i < 30; i++) res.write(`<p>${'微商'.repeat(5000)}</p>`);
            res.end();
            return true;
          }
          default:
            return false;
        }
      },
    ],
  });
});

afterAll(async () => {
  await site.close();
  internal.closeAllConnections();
  await new Promise((ok) => internal.close(ok));
});

function edgeSource(): SourceConfig {
  const [source] = parseSources(
    {
      sources: [
        {
          id: 'edge',
          type: 'html',
          schedule: '0 0 * * * *',
          topics: ['微商'],
          startUrls: ['{{baseUrl}}/list.html'],
          list: { itemLink: '#posts a' },
          detail: { title: 'h1', body: '.body', author: '.author', publishedAt: '.date' },
          limits: { maxPageBytes: 100_000, timeoutMs: 800, maxRetries: 2 },
          politeness: { retryBackoffMs: 50, maxConcurrency: 4, maxRequestsPerMinute: 6000 },
        },
      ],
    },
    'inline',
    { baseUrl: site.baseUrl },
  );
  return source as SourceConfig;
}

describe('edge cases of an html source', () => {
  it('keeps the good pages, retries the flaky one, and reports every refusal and failure with its code', async () => {
    const docs: RawDocument[] = [];
    const now = new Date('2024-03-06T10:00:00+08:00');
    const summary = await crawlSource(
      edgeSource(),
      { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'], now: () => now },
      { seenSet: new MemorySeenSet(), sink: async (batch) => void docs.push(...batch) },
    );
    const b = site.baseUrl;
    const sorted = docs.map((d) => ({ url: d.url, title: d.title, body: d.body, author: d.author, publishedAt: d.publishedAt })).sort((x, y) => x.url.localeCompare(y.url));
    expect(sorted).toEqual([
      { url: `${b}/articles/ok.html`, title: '微商退款经历', body: '在朋友圈买的面膜，找微商退款花了两周。', author: hashAuthor('小周', 'salt'), publishedAt: '2024-03-05T14:02:00+08:00' },
      { url: `${b}/flaky.html`, title: '微商代理的偶发故障', body: '第二次请求才成功。', author: hashAuthor('阿强', 'salt'), publishedAt: '2024-03-06T09:55:00+08:00' },
      {
        url: `${b}/malformed.html`,
        title: '微商压货&退款：一份残缺的页面',
        body: '第一段：上级让我压货 三万元。\n换行后的一句。\n\n第二段没有闭合标签 加粗斜体 结束',
        author: hashAuthor('老王', 'salt'),
        publishedAt: '2024-03-05T21:10:00+08:00',
      },
    ]);
    const codes = Object.fromEntries(summary.errors.map((e) => [e.url.replace(b, ''), e.code]));
    expect(codes).toEqual({
      '/slow.html': 'TIMEOUT',
      '/redirect-forbidden.html': 'ADDRESS_FORBIDDEN',
      '/huge.html': 'PAGE_TOO_LARGE',
      '/huge-chunked.html': 'PAGE_TOO_LARGE',
      '/missing.html': 'HTTP_STATUS',
      '/report.pdf': 'UNSUPPORTED_CONTENT',
    });
    expect(summary.skipped).toMatchObject({ robots: 1, forbiddenAddress: 1, tooLarge: 2, error: 3, offTopic: 0 });
    expect(summary.documentsEmitted).toBe(3);
    expect(count('/flaky.html')).toBe(2);
    expect(count('/slow.html')).toBe(3);
    expect(count('/huge.html')).toBe(1);
    expect(count('/private/secret.html')).toBe(0);
    expect(count('/robots.txt')).toBe(1);
    expect(internalHits).toBe(0);
  });
});
