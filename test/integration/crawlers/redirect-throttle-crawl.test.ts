/**
 * Redirect hops are requests too: every hop waits for its host's next slot, so a host that answers with redirects is
 * still asked no faster than its spacing — on the same origin and when the hop leads to another origin (another
 * host:port, with a spacing of its own). Both fetchers: plain HTTP (got's redirect hook) and Chromium (the DevTools
 * Fetch domain sees every hop).
 */
import { performance } from 'node:perf_hooks';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveStaticSite, type ServedSite } from '../../../infra/demo-site/serve-demo-site.js';
import { fixtureSitesDir } from '../../helpers/fixture-server.js';
import { testConfig } from '../../helpers/test-config.js';
import { listDetailSource } from '../../helpers/list-detail-source.js';

const intervalMs = 500; // maxRequestsPerMinute 120
/**
 * Arrival times at the server jitter by timer and socket scheduling; a booking itself is exact. In Chromium a
 * navigation reaches the server 50–130 ms after its slot (the page is set up after the slot, on two busy cores) while
 * a hop goes on within a few ms, so two exactly spaced slots can arrive closer by that much. Without hop spacing a
 * hop follows its 302 within ~10 ms, far below either bound.
 */
const toleranceMs = { html: 50, browser: 200 };
const links = 3;

let site: ServedSite;
let other: ServedSite;
const hits: { path: string; at: number }[] = [];
const otherHits: { path: string; at: number }[] = [];

const html = (res: ServerResponse, body: string): true =>
  (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`), true);
const redirect = (res: ServerResponse, location: string): true => (res.writeHead(302, { location }).end(), true);
const article = (res: ServerResponse, name: string): true => html(res, `<h1>微商文章 ${name}</h1><div class="body">囤货的烦恼 ${name}</div>`);

beforeAll(async () => {
  other = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    handlers: [
      (_req, res, url) => {
        if (url.pathname === '/robots.txt') return (res.writeHead(404).end(), true);
        otherHits.push({ path: url.pathname, at: performance.now() });
        const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
        if (hop) return redirect(res, `/a/${hop[1]}`);
        const a = /^\/a\/(\d+)$/.exec(url.pathname);
        return a ? article(res, `other-${a[1]}`) : false;
      },
    ],
  });
  site = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    handlers: [
      (_req, res, url) => {
        if (url.pathname === '/robots.txt') return (res.writeHead(404).end(), true);
        hits.push({ path: url.pathname, at: performance.now() });
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
        if (away) return redirect(res, `${other.baseUrl}/hop/${away[1]}`);
        const a = /^\/a\/(\d+)$/.exec(url.pathname);
        return a ? article(res, a[1] as string) : false;
      },
    ],
  });
});

afterAll(async () => {
  await site.close();
  await other.close();
});

function source(type: 'html' | 'browser', extra: { startUrls?: string[]; interval?: number; limits?: Record<string, unknown> } = {}): SourceConfig {
  const politeness = { maxRequestsPerMinute: 60_000 / (extra.interval ?? intervalMs), maxConcurrency: 3 };
  return listDetailSource({ id: `hops-${type}`, type, startUrls: extra.startUrls ?? ['{{baseUrl}}/list'], politeness, ...(extra.limits ? { limits: extra.limits } : {}) }, site.baseUrl);
}

const smallestGap = (list: { at: number }[]): number => {
  const at = list.map((h) => h.at).sort((x, y) => x - y);
  return Math.min(...at.slice(1).map((t, i) => t - (at[i] as number)));
};

describe.each(['html', 'browser'] as const)('redirect hops (%s fetcher)', (type) => {
  it('wait for their host’s slot: no host is asked faster than its spacing, however many hops a link takes', async () => {
    hits.length = 0;
    otherHits.length = 0;
    const docs: RawDocument[] = [];
    const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'], chromiumPath: testConfig().chromiumPath };
    const summary = await crawlSource(source(type), options, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });

    expect(summary.errors).toEqual([]);
    expect(docs).toHaveLength(2 * links);
    // list + 3 requests per own link + 1 per away link here; 2 per away link on the other origin.
    expect(hits).toHaveLength(1 + 3 * links + links);
    expect(otherHits).toHaveLength(2 * links);
    // The run's first request leaves late in a fresh process (crawlee loads its HTTP client on first use), which
    // shortens the gap after it once: left out, as in politeness-crawl.test.ts.
    const here = smallestGap(hits.slice(1));
    const there = smallestGap(otherHits);
    expect(hits.map((h) => h.path)).not.toContain('/favicon.ico'); // the browser's own extra request is refused
    console.log(`${type}: smallest gap ${here.toFixed(1)} ms on the site, ${there.toFixed(1)} ms on the other origin (interval ${intervalMs} ms)`);
    expect(here).toBeGreaterThanOrEqual(intervalMs - toleranceMs[type]);
    expect(there).toBeGreaterThanOrEqual(intervalMs - toleranceMs[type]);
    // And as a whole: the site's requests after the first span at least their slots.
    const later = hits.slice(1).map((h) => h.at);
    expect(Math.max(...later) - Math.min(...later)).toBeGreaterThanOrEqual((later.length - 1) * intervalMs - toleranceMs[type]);
  });

  it('go at once when their slot lies beyond what the request timeout leaves (no hop times out for waiting)', async () => {
    // A 3 s spacing and a 2 s timeout: a hop that waited for its slot would time out on every attempt.
    hits.length = 0;
    const docs: RawDocument[] = [];
    const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'], chromiumPath: testConfig().chromiumPath };
    const slow = source(type, { startUrls: ['{{baseUrl}}/solo'], interval: 3000, limits: { timeoutMs: 2000, maxRetries: 0 } });
    const summary = await crawlSource(slow, options, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
    expect(summary.errors).toEqual([]);
    expect(docs.map((d) => d.title)).toEqual(['微商文章 0']);
    expect(hits.map((h) => h.path)).toEqual(['/solo', '/go/0', '/via/0', '/a/0']);
  });
});
