/**
 * sitemap source: index → sitemaps → pages, urlPattern filter, and incremental runs with the real Redis seen-set:
 * unchanged lastmod → not fetched; changed lastmod + new content → new version; changed lastmod, same content → none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { crawlSource, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { RedisSeenSet } from '../../../infra/redis/seen-set-store.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';
import { testNamespace } from '../../helpers/test-namespace.js';

const ns = testNamespace('sitemap-crawl');
let version = 1;
let site: ServedSite;
let redis: Redis;
const hits: string[] = [];

const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const pageHtml = (title: string, text: string): string =>
  `<html><head><meta charset="utf-8"></head><body><h1>${title}</h1><p class="d">2024-03-0${title.length % 9}</p><div class="c"><p>${text}</p></div></body></html>`;

beforeAll(async () => {
  redis = new Redis(ns.config.redisUrl);
  site = await serveFixtureSite('news-site', {
    onRequest: (_m, p) => hits.push(p),
    handlers: [
      (_req, res, url) => {
        const o = site.baseUrl;
        const send = (type: string, body: string): boolean => (res.writeHead(200, { 'content-type': type }).end(body), true);
        const pages: Record<string, string> = {
          '/s/a1.html': pageHtml('微商退款新规', version === 1 ? '第一版内容。' : '第二版内容：补充了退款流程。'),
          '/s/a2.html': pageHtml('代理压货调查', '压货问题依旧。'),
          '/s/a3.html': pageHtml('囤货的代价', '囤货三万。'),
          '/s/a4.html': pageHtml('春游指南', '去公园。'),
          '/tags/weishang.html': pageHtml('微商标签页', '标签。'),
        };
        if (url.pathname === '/sitemap-index.xml') {
          return send('application/xml', xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${o}/sitemaps/articles.xml</loc></sitemap><sitemap><loc>${o}/sitemaps/tags.xml</loc></sitemap></sitemapindex>`));
        }
        if (url.pathname === '/sitemaps/articles.xml') {
          const lastmod = (v1: string, v2: string): string => `<lastmod>${version === 1 ? v1 : v2}</lastmod>`;
          return send('text/xml', xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${o}/s/a1.html</loc>${lastmod('2024-03-01', '2024-03-06')}</url>
<url><loc>${o}/s/a2.html</loc>${lastmod('2024-03-02', '2024-03-07')}</url>
<url><loc>${o}/s/a3.html</loc><lastmod>2024-03-03</lastmod></url>
<url><loc>${o}/s/a4.html</loc></url>
</urlset>`));
        }
        if (url.pathname === '/sitemaps/tags.xml') return send('application/xml', xml(`<urlset><url><loc>${o}/tags/weishang.html</loc></url></urlset>`));
        const page = pages[url.pathname];
        return page ? send('text/html; charset=utf-8', page) : false;
      },
    ],
  });
});

afterAll(async () => {
  await redis.del(`${ns.config.queuePrefix}:seen:sitemap`);
  redis.disconnect();
  await site.close();
});

describe('sitemap source', () => {
  it('follows the index, filters by pattern, and re-fetches only pages whose lastmod changed', async () => {
    const [source] = parseSources(
      { sources: [{ id: 'sitemap', type: 'sitemap', schedule: '0 0 * * *', topics: ['微商', '代理', '囤货'], sitemapUrls: ['{{baseUrl}}/sitemap-index.xml'], urlPattern: '/s/a\\d+\\.html$', politeness: { maxRequestsPerMinute: 6000 }, detail: { title: 'h1', body: '.c', publishedAt: '.d' } }] },
      'inline',
      { baseUrl: site.baseUrl },
    );
    const seenSet = new RedisSeenSet(redis, ns.config.queuePrefix);
    const run = async () => {
      const docs: RawDocument[] = [];
      hits.length = 0;
      const summary = await crawlSource(source as SourceConfig, { userAgent: 'PulseBot/0.1', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] }, { seenSet, sink: async (b) => void docs.push(...b) });
      return { docs: docs.sort((a, b) => a.url.localeCompare(b.url)), summary, pages: hits.filter((h) => h.startsWith('/s/') || h.startsWith('/tags/')).sort() };
    };

    const first = await run();
    expect(first.docs.map((d) => [d.url.replace(site.baseUrl, ''), d.title, d.body, d.sourceType])).toEqual([
      ['/s/a1.html', '微商退款新规', '第一版内容。', 'sitemap'],
      ['/s/a2.html', '代理压货调查', '压货问题依旧。', 'sitemap'],
      ['/s/a3.html', '囤货的代价', '囤货三万。', 'sitemap'],
    ]);
    expect(first.pages).toEqual(['/s/a1.html', '/s/a2.html', '/s/a3.html', '/s/a4.html']);
    expect(first.summary).toMatchObject({ pagesFetched: 7, documentsEmitted: 3 });
    expect(first.summary.skipped.offTopic).toBe(1);

    const second = await run();
    expect(second.docs).toEqual([]);
    expect(second.pages).toEqual([]);
    expect(second.summary.skipped.seen).toBe(4);

    version = 2;
    const third = await run();
    expect(third.pages).toEqual(['/s/a1.html', '/s/a2.html']);
    expect(third.docs.map((d) => [d.url.replace(site.baseUrl, ''), d.body])).toEqual([['/s/a1.html', '第二版内容：补充了退款流程。']]);
    expect(third.docs[0]?.docId).toBe(first.docs[0]?.docId);
    expect(third.docs[0]?.contentHash).not.toBe(first.docs[0]?.contentHash);
    expect(third.summary.skipped).toMatchObject({ unchanged: 1, seen: 2 });
  });
});
