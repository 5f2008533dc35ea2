/**
 * One feed, unbounded documents: a 1.9 MB RSS feed of 36,000 items gave 36,000 documents and a 1 GB worker.
 * Now the run stops at limits.maxDocuments (default 2000), says so in its summary, and the worker stays small.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileCase, type HostileCase } from './hostile-case.js';
import { serveHostile, type HostileServer } from './hostile-server.js';
import { hostileSource } from './hostile-sources.js';

let hc: HostileCase | undefined;
let site: HostileServer | undefined;
afterEach(async () => {
  await site?.close();
  await hc?.cleanup();
  hc = site = undefined;
});

const items = 36_000;
const feed = (): string =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>f</title>${Array.from({ length: items }, (_, i) => `<item><title>微商${i}</title><link>/${i}</link></item>`).join('')}</channel></rss>`;

describe('hostile feed', () => {
  it('feed-36000-items: stops at the document limit in bounded memory', async () => {
    hc = await startHostileCase('feed-36000-items');
    const body = feed();
    site = await serveHostile((_req, res, url) => {
      if (url.pathname === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
      else res.writeHead(404).end();
    });
    // 2.1 MB: just over the default page cap, which the 1.97 MB feed was under.
    const file = hc.sourcesFile([hostileSource('feed-36000-items', { type: 'rss', feedUrls: [`${site.baseUrl}/feed.xml`], limits: { maxPageBytes: 4_000_000 } })]);
    const out = await hc.crawl('feed-36000-items', file, 180_000);
    expect(out.state).toBe('completed');
    expect(out.summary).toMatchObject({ pagesFetched: 1, documentsEmitted: 2000, errors: [], skipped: { documentLimit: items - 2000 } });
    expect(out.summary?.limitReached).toEqual({
      code: 'DOCUMENT_LIMIT',
      message: `document limit reached: this run took 2000 documents and article links (limits.maxDocuments); ${items - 2000} more items, links and pages were left for later runs — raise limits.maxDocuments or crawl more often`,
    });
    // The limit's line is what `pulse status` shows for the run.
    const runs = await hc.run.redis.hget(`${hc.run.config.queuePrefix}:pulse:source-runs`, 'feed-36000-items');
    expect(JSON.parse(runs ?? '{}')).toMatchObject({ ok: true, documentsEmitted: 2000, message: `DOCUMENT_LIMIT: ${out.summary?.limitReached?.message}` });
    await hc.settle(240_000);
    expect(await hc.run.searchable()).toBe(2000);
    await hc.finish(`DOCUMENT_LIMIT after 2000 of ${items} items (feed ${(Buffer.byteLength(body) / 2 ** 20).toFixed(2)} MiB), 2000 documents indexed`, out.ms);
  });
});
