/**
 * Gzipped sitemaps on a loopback site: a sitemap index points to a `.xml.gz` child served as application/gzip
 * without Content-Encoding (inflated by its magic bytes) and to a child gzipped twice with Content-Encoding: gzip
 * (got undoes one layer, we the other); a gzip bomb (a few KB inflating past limits.maxPageBytes) and corrupt gzip
 * bytes are refused with their URL, and the good pages are still crawled.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

let site: ServedSite;
const hits: string[] = [];
const maxPageBytes = 64 * 1024;
let bombBytes = 0;

const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const urlset = (urls: string[]): string => xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`);
const page = (title: string, text: string): string => `<html><head><meta charset="utf-8"></head><body><h1>${title}</h1><div class="c"><p>${text}</p></div></body></html>`;

beforeAll(async () => {
  site = await serveFixtureSite('news-site', {
    onRequest: (_m, p) => hits.push(p),
    handlers: [
      (_req, res, url) => {
        const o = site.baseUrl;
        const send = (headers: Record<string, string>, body: string | Buffer): boolean => (res.writeHead(200, headers).end(body), true);
        switch (url.pathname) {
          case '/sitemap-index.xml':
            return send(
              { 'content-type': 'application/xml' },
              xml(
                `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${['articles.xml.gz', 'more.xml', 'bomb.xml.gz', 'broken.xml.gz']
                  .map((f) => `<sitemap><loc>${o}/sitemaps/${f}</loc></sitemap>`)
                  .join('')}</sitemapindex>`,
              ),
            );
          case '/sitemaps/articles.xml.gz':
            return send({ 'content-type': 'application/gzip' }, gzipSync(urlset([`${o}/gz/a1.html`, `${o}/gz/a2.html`])));
          case '/sitemaps/more.xml':
            // A .xml.gz file served with Content-Encoding: gzip on top (a common server misconfiguration).
            return send({ 'content-type': 'application/xml', 'content-encoding': 'gzip' }, gzipSync(gzipSync(urlset([`${o}/gz/a3.html`]))));
          case '/sitemaps/bomb.xml.gz': {
            const bomb = gzipSync(urlset([`${o}/gz/never.html`]).replace('<urlset', `<urlset${' '.repeat(4 * 1024 * 1024)}`), { level: 9 });
            bombBytes = bomb.length;
            return send({ 'content-type': 'application/gzip' }, bomb);
          }
          case '/sitemaps/broken.xml.gz':
            return send({ 'content-type': 'application/gzip' }, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not really gzip at all')]));
          case '/gz/a1.html':
            return send({ 'content-type': 'text/html; charset=utf-8' }, page('微商压缩站点一', '朋友圈卖货。'));
          case '/gz/a2.html':
            return send({ 'content-type': 'text/html; charset=utf-8' }, page('微商压缩站点二', '招代理。'));
          case '/gz/a3.html':
            return send({ 'content-type': 'text/html; charset=utf-8' }, page('微商压缩站点三', '囤货。'));
          default:
            return false;
        }
      },
    ],
  });
});

afterAll(async () => site.close());

describe('gzipped sitemaps', () => {
  it('inflates .xml.gz children by magic bytes, refuses a gzip bomb and corrupt gzip by URL, and crawls the rest', async () => {
    const [source] = parseSources(
      {
        sources: [
          {
            id: 'gz-sitemap',
            type: 'sitemap',
            schedule: '0 0 * * *',
            topics: ['微商'],
            sitemapUrls: ['{{baseUrl}}/sitemap-index.xml'],
            limits: { maxPageBytes },
            politeness: { maxRequestsPerMinute: 6000 },
            detail: { title: 'h1', body: '.c' },
          },
        ],
      },
      'inline',
      { baseUrl: site.baseUrl },
    );
    const docs: RawDocument[] = [];
    const summary = await crawlSource(source as SourceConfig, { userAgent: 'PulseBot/0.1', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] }, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
    const b = site.baseUrl;
    expect(docs.map((d) => [d.url.replace(b, ''), d.title, d.body]).sort()).toEqual([
      ['/gz/a1.html', '微商压缩站点一', '朋友圈卖货。'],
      ['/gz/a2.html', '微商压缩站点二', '招代理。'],
      ['/gz/a3.html', '微商压缩站点三', '囤货。'],
    ]);
    // The bomb is small on the wire (so the byte cap on the response does not catch it) but inflates far past it.
    expect(bombBytes).toBeLessThan(maxPageBytes);
    expect(summary.errors.map((e) => [e.url.replace(b, ''), e.code, e.message.replace(b, '')]).sort()).toEqual([
      ['/sitemaps/bomb.xml.gz', 'PAGE_TOO_LARGE', `gzipped sitemap inflates past ${maxPageBytes} bytes: /sitemaps/bomb.xml.gz`],
      ['/sitemaps/broken.xml.gz', 'PARSE_FAILED', expect.stringMatching(/^gzipped sitemap could not be inflated \(.+\): \/sitemaps\/broken\.xml\.gz$/)],
    ]);
    expect(summary.skipped).toMatchObject({ tooLarge: 1, error: 1 });
    expect(hits).not.toContain('/gz/never.html');
    expect(summary.pagesFetched).toBe(8);
  });
});
