/**
 * browser source on a page that builds its list and articles with JavaScript, rendered by the real Debian Chromium:
 * the exact documents come out; the same site crawled as plain html yields none (proving the rendering mattered).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { hashAuthor } from '../../../crawlers/document-ids.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';
import { testConfig } from '../../helpers/test-config.js';

let site: ServedSite;
let internal: Server;
let internalHits = 0;
beforeAll(async () => {
  // An "internal service" on another loopback address: only the crawler's guard keeps the browser away from it.
  internal = createServer((_req, res) => void (internalHits++, res.end('<html><body data-ready="1"><a class="story" href="/x">微商</a></body></html>')));
  await new Promise<void>((ok) => internal.listen(0, '127.0.0.2', ok));
  const port = (internal.address() as AddressInfo).port;
  site = await serveFixtureSite('js-stories', {
    handlers: [(_req, res, url) => (url.pathname === '/go.html' ? (res.writeHead(302, { location: `http://127.0.0.2:${port}/admin` }).end(), true) : false)],
  });
});
afterAll(async () => {
  internal.closeAllConnections();
  await new Promise((ok) => internal.close(ok));
  await site.close();
});

const chromiumPath = testConfig().chromiumPath;
const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'], chromiumPath, now: () => new Date('2024-03-06T10:00:00+08:00') };

function source(type: 'browser' | 'html', start = '{{baseUrl}}/list.html'): SourceConfig {
  const [s] = parseSources(
    {
      sources: [
        {
          id: `stories-${type}`,
          type,
          schedule: '0 0 * * *',
          topics: ['微商', '代理', '囤货'],
          politeness: { maxRequestsPerMinute: 6000 },
          startUrls: [start],
          list: { itemLink: 'a.story', nextPage: 'a.next' },
          detail: { title: 'h1.title', body: '.content', author: '.author', publishedAt: '.time' },
          ...(type === 'browser' ? { waitFor: 'body[data-ready]' } : {}),
        },
      ],
    },
    'inline',
    { baseUrl: site.baseUrl },
  );
  return s as SourceConfig;
}

async function crawl(s: SourceConfig) {
  const docs: RawDocument[] = [];
  const summary = await crawlSource(s, options, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
  return { docs: docs.sort((a, b) => a.url.localeCompare(b.url)), summary };
}

describe('browser source (real Chromium)', () => {
  it('has the Debian Chromium it needs', () => {
    expect(existsSync(chromiumPath), `${chromiumPath} missing: apt-get install -y chromium`).toBe(true);
  });

  it('renders list pages (with JS pagination) and articles, giving the exact documents', async () => {
    const { docs, summary } = await crawl(source('browser'));
    expect(docs.map((d) => [d.url.replace(site.baseUrl, ''), d.title, d.body, d.author, d.publishedAt, d.sourceType])).toEqual([
      ['/story.html?id=1', '从代理到退出：我的微商两年', '第一年做代理，压货三万。\n\n第二年决定退出，库存按三折回收。', hashAuthor('小满', 'salt'), '2024-03-01T20:30:00+08:00', 'browser'],
      ['/story.html?id=2', '朋友圈里的囤货焦虑', '每天刷朋友圈，都是上级催着囤货的消息。', hashAuthor('阿青', 'salt'), '2024-03-05T21:10:00+08:00', 'browser'],
    ]);
    expect(summary).toMatchObject({ pagesFetched: 5, documentsEmitted: 2, errors: [] });
    expect(summary.skipped.offTopic).toBe(1);
  }, 120_000);

  it('refuses a redirect into an internal address inside the browser too', async () => {
    const { docs, summary } = await crawl(source('browser', '{{baseUrl}}/go.html'));
    expect(docs).toEqual([]);
    expect(summary.errors.map((e) => [e.url.replace(site.baseUrl, ''), e.code])).toEqual([['/go.html', 'ADDRESS_FORBIDDEN']]);
    expect(summary.skipped.forbiddenAddress).toBe(1);
    expect(internalHits).toBe(0);
  }, 60_000);

  it('the same site as a plain html source finds nothing to crawl', async () => {
    const { docs, summary } = await crawl(source('html'));
    expect(docs).toEqual([]);
    expect(summary.pagesFetched).toBe(1);
  });
});
