/**
 * robots.txt on redirect hops: article links that are allowed themselves but redirect into a disallowed path — on the
 * same origin, and on another origin with its own robots.txt — are refused at the hop (`robots`, ROBOTS_DISALLOWED),
 * the disallowed pages are never requested, and redirects into allowed pages still give documents. Both fetchers:
 * plain HTTP (got's redirect hook) and Chromium (the DevTools Fetch domain sees every hop).
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveStaticSite, type ServedSite } from '../../../infra/demo-site/serve-demo-site.js';
import { fixtureSitesDir } from '../../helpers/fixture-server.js';
import { testConfig } from '../../helpers/test-config.js';
import { listDetailSource } from '../../helpers/list-detail-source.js';

let site: ServedSite;
let other: ServedSite;
const hits: string[] = [];
const otherHits: string[] = [];

const html = (res: ServerResponse, body: string): true =>
  (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`), true);
const redirect = (res: ServerResponse, location: string): true => (res.writeHead(302, { location }).end(), true);

beforeAll(async () => {
  // Another origin (same loopback host, other port, so inside the source's allowed domains) with its own robots.txt.
  other = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    onRequest: (_m, p) => otherHits.push(p),
    handlers: [
      (_req, res, url) => {
        if (url.pathname === '/robots.txt') return (res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /blocked/\n'), true);
        if (url.pathname === '/open/y.html') return html(res, '<h1>微商别站文章</h1><div class="body">别站可以抓。</div>');
        if (url.pathname === '/blocked/x.html') return html(res, '<h1>微商别站禁区</h1><div class="body">不该被抓。</div>');
        return false;
      },
    ],
  });
  // edge-cases' own robots.txt disallows /private/ (and /private/secret.html exists there).
  site = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    onRequest: (_m, p) => hits.push(p),
    handlers: [
      (_req, res, url) => {
        switch (url.pathname) {
          case '/redirects.html':
            return html(res, ['/go/private', '/go/other-blocked', '/go/ok', '/go/other-open'].map((p) => `<a class="t" href="${p}">帖子</a>`).join(''));
          case '/go/private':
            return redirect(res, '/private/secret.html');
          case '/go/other-blocked':
            return redirect(res, `${other.baseUrl}/blocked/x.html`);
          case '/go/ok':
            return redirect(res, '/articles/ok.html');
          case '/go/other-open':
            return redirect(res, `${other.baseUrl}/open/y.html`);
          default:
            return false;
        }
      },
    ],
  });
});

afterAll(async () => {
  await site.close();
  await other.close();
});

function source(type: 'html' | 'browser'): SourceConfig {
  return listDetailSource({ id: `redirects-${type}`, type, startUrls: ['{{baseUrl}}/redirects.html'], politeness: { maxRequestsPerMinute: 6000, maxConcurrency: 2 } }, site.baseUrl);
}

async function crawl(type: 'html' | 'browser') {
  hits.length = 0;
  otherHits.length = 0;
  const docs: RawDocument[] = [];
  const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'], chromiumPath: testConfig().chromiumPath };
  const summary = await crawlSource(source(type), options, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
  return { docs, summary };
}

describe.each(['html', 'browser'] as const)('redirects into robots-disallowed paths (%s fetcher)', (type) => {
  it('refuses the hop, never requests the disallowed page, and keeps the allowed redirects', async () => {
    const { docs, summary } = await crawl(type);
    const b = site.baseUrl;
    expect(docs.map((d) => d.title).sort()).toEqual(['微商别站文章', '微商退款经历']);
    expect(summary.skipped.robots).toBe(2);
    expect(summary.errors.map((e) => [e.url.replace(b, ''), e.code, e.message.replace(b, '').replace(other.baseUrl, '<other>')]).sort()).toEqual([
      ['/go/other-blocked', 'ROBOTS_DISALLOWED', 'refused <other>/blocked/x.html: disallowed by its robots.txt (reached by a redirect)'],
      ['/go/private', 'ROBOTS_DISALLOWED', 'refused /private/secret.html: disallowed by its robots.txt (reached by a redirect)'],
    ]);
    expect(hits).not.toContain('/private/secret.html');
    expect(otherHits).not.toContain('/blocked/x.html');
    expect(otherHits).toContain('/open/y.html');
    // Each origin's robots.txt is read once per run, by the crawler (with its user agent), not by the browser.
    expect(hits.filter((h) => h === '/robots.txt')).toHaveLength(1);
    expect(otherHits.filter((h) => h === '/robots.txt')).toHaveLength(1);
  });
});
