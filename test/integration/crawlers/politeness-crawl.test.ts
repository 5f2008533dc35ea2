/**
 * Politeness on a small loopback site built by handlers: identifiable user agent (also for robots.txt), request
 * spacing from maxRequestsPerMinute and from robots Crawl-delay, robots.txt that fails (5xx → nothing fetched),
 * an explicit opt-out, and the page/depth limits of a paginated list.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveStaticSite, type ServedSite } from '../../../infra/demo-site/serve-demo-site.js';
import { fixtureSitesDir } from '../../helpers/fixture-server.js';

interface Hit {
  path: string;
  ua: string;
  at: number;
}
let site: ServedSite | undefined;
afterEach(async () => site?.close());

/** A paginated forum: list pages 1..5 with two threads each; robots.txt given per test. */
async function serveForum(robots: { status: number; body: string }): Promise<{ site: ServedSite; hits: Hit[] }> {
  const hits: Hit[] = [];
  const html = (res: ServerResponse, body: string): true => (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${body}</body></html>`), true);
  const s = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    handlers: [
      (req: IncomingMessage, res, url) => {
        hits.push({ path: url.pathname + url.search, ua: String(req.headers['user-agent']), at: Date.now() });
        if (url.pathname === '/robots.txt') return (res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body), true);
        const list = /^\/list\/(\d+)$/.exec(url.pathname);
        if (list) {
          const n = Number(list[1]);
          const next = n < 5 ? `<a class="next" href="/list/${n + 1}">下一页</a>` : '';
          return html(res, `<a class="t" href="/t/${n}-1">帖子</a><a class="t" href="/t/${n}-2">帖子</a>${next}`);
        }
        const t = /^\/t\/(\d+-\d+)$/.exec(url.pathname);
        if (t) return html(res, `<h1>微商帖子 ${t[1]}</h1><div class="c">囤货的烦恼 ${t[1]}</div>`);
        return false;
      },
    ],
  });
  site = s;
  return { site: s, hits };
}

function forumSource(base: string, extra: Record<string, unknown>): SourceConfig {
  const [s] = parseSources({
    sources: [{ id: 'forum', type: 'html', schedule: '0 0 * * *', topics: ['微商'], startUrls: [`${base}/list/1`], list: { itemLink: 'a.t', nextPage: 'a.next' }, detail: { title: 'h1', body: '.c' }, ...extra }],
  });
  return s as SourceConfig;
}

const ua = 'PulseBot/0.1 (+https://example.org/pulse-bot; test)';
async function crawl(source: SourceConfig) {
  const docs: RawDocument[] = [];
  const summary = await crawlSource(source, { userAgent: ua, authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] }, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
  return { docs, summary };
}

const gaps = (hits: Hit[]): number[] => hits.slice(1).map((h, i) => h.at - (hits[i] as Hit).at);

describe('politeness', () => {
  it('sends the identifiable user agent everywhere and spaces requests by maxRequestsPerMinute', async () => {
    const { site: s, hits } = await serveForum({ status: 404, body: '' });
    const { docs } = await crawl(forumSource(s.baseUrl, { limits: { maxDepth: 1 }, politeness: { maxRequestsPerMinute: 300, maxConcurrency: 3 } }));
    expect(docs).toHaveLength(4);
    expect(new Set(hits.map((h) => h.ua))).toEqual(new Set([ua]));
    const pages = hits.filter((h) => h.path !== '/robots.txt');
    expect(pages).toHaveLength(6);
    // 300/min = one request start per 200 ms to this host, even with 3 in flight allowed. The server sees arrival
    // times, which jitter by a few ms, and the first request also carries crawler start-up, so it is left out.
    const later = pages.slice(1);
    for (const gap of gaps(later)) expect(gap).toBeGreaterThanOrEqual(100);
    expect((later.at(-1) as Hit).at - (later[0] as Hit).at).toBeGreaterThanOrEqual(4 * 200 - 50);
  });

  it('honours robots.txt Crawl-delay when it is longer than the configured spacing', async () => {
    const { site: s, hits } = await serveForum({ status: 200, body: 'User-agent: *\nCrawl-delay: 0.5\n' });
    await crawl(forumSource(s.baseUrl, { limits: { maxDepth: 0 }, politeness: { maxRequestsPerMinute: 6000, maxConcurrency: 3 } }));
    const pages = hits.filter((h) => h.path !== '/robots.txt');
    expect(pages).toHaveLength(3);
    expect(gaps(pages.slice(1))[0]).toBeGreaterThanOrEqual(400);
  });

  it('fetches nothing when robots.txt answers 5xx, and reports it', async () => {
    const { site: s, hits } = await serveForum({ status: 503, body: 'down' });
    const { docs, summary } = await crawl(forumSource(s.baseUrl, { politeness: { maxRequestsPerMinute: 6000 } }));
    expect(docs).toEqual([]);
    expect(hits.map((h) => h.path)).toEqual(['/robots.txt']);
    expect(summary.skipped.robots).toBe(1);
    expect(summary.errors).toEqual([{ url: `${s.baseUrl}/robots.txt`, code: 'ROBOTS_UNREACHABLE', message: expect.stringContaining(`robots.txt of ${new URL(s.baseUrl).host} unreachable (HTTP 503)`) }]);
  });

  it('says a site that is down is unreachable (connection refused, with the host), not a robots.txt problem', async () => {
    // A port where nothing listens: bind one, note it, close it.
    const closed = await serveForum({ status: 404, body: '' });
    const base = closed.site.baseUrl;
    await closed.site.close();
    site = undefined;
    const host = new URL(base).host;
    const { docs, summary } = await crawl(forumSource(base, { politeness: { maxRequestsPerMinute: 6000 } }));
    expect(docs).toEqual([]);
    expect(summary.errors).toEqual([
      {
        url: `${base}/robots.txt`,
        code: 'SITE_UNREACHABLE',
        message: `${host} unreachable: connection refused (site down or wrong port) [ECONNREFUSED]; nothing on this site was fetched`,
      },
    ]);
  });

  it('ignores robots.txt only with an explicit opt-out (and then never fetches it)', async () => {
    const { site: s, hits } = await serveForum({ status: 200, body: 'User-agent: *\nDisallow: /\n' });
    const blocked = await crawl(forumSource(s.baseUrl, { politeness: { maxRequestsPerMinute: 6000 } }));
    expect(blocked.docs).toEqual([]);
    expect(blocked.summary.skipped.robots).toBe(1);
    hits.length = 0;
    const optOut = await crawl(forumSource(s.baseUrl, { limits: { maxDepth: 0 }, politeness: { maxRequestsPerMinute: 6000, respectRobotsTxt: false } }));
    expect(optOut.docs).toHaveLength(2);
    expect(hits.map((h) => h.path)).not.toContain('/robots.txt');
  });

  it('stops pagination at maxDepth and the whole run at maxPages', async () => {
    const { site: s } = await serveForum({ status: 404, body: '' });
    const deep = await crawl(forumSource(s.baseUrl, { limits: { maxDepth: 2 }, politeness: { maxRequestsPerMinute: 6000, maxConcurrency: 1 } }));
    expect(deep.docs.map((d) => d.title).sort()).toEqual(['微商帖子 1-1', '微商帖子 1-2', '微商帖子 2-1', '微商帖子 2-2', '微商帖子 3-1', '微商帖子 3-2']);
    expect(deep.summary.skipped.limit).toBe(1);
    const capped = await crawl(forumSource(s.baseUrl, { limits: { maxPages: 4 }, politeness: { maxRequestsPerMinute: 6000, maxConcurrency: 1 } }));
    expect(capped.summary.pagesFetched).toBe(4);
    expect(capped.summary.skipped.limit).toBeGreaterThan(0);
  });
});
