/** rss and atom sources on a loopback news site: items kept inline, or followed to the full article pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { hashAuthor } from '../../../crawlers/document-ids.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

let site: ServedSite;
const hits: string[] = [];
beforeAll(async () => {
  site = await serveFixtureSite('news-site', { onRequest: (_m, p) => hits.push(p) });
});
afterAll(async () => site.close());

const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'] };
const topics = ['微商', '代理', '传销', '退款'];
const detail = { title: 'h1.headline', body: '.text', author: '.writer', publishedAt: { selector: 'time', attr: 'datetime' }, remove: ['.ad'] };

function source(extra: Record<string, unknown>): SourceConfig {
  const [s] = parseSources({ sources: [{ id: 'news', schedule: '0 0 * * *', topics, politeness: { maxRequestsPerMinute: 6000 }, ...extra }] }, 'inline', { baseUrl: site.baseUrl });
  return s as SourceConfig;
}

async function crawl(s: SourceConfig, seenSet = new MemorySeenSet()): Promise<{ docs: RawDocument[]; summary: Awaited<ReturnType<typeof crawlSource>> }> {
  const docs: RawDocument[] = [];
  const summary = await crawlSource(s, options, { seenSet, sink: async (b) => void docs.push(...b) });
  docs.sort((a, b) => a.url.localeCompare(b.url));
  return { docs, summary };
}

const pick = (d: RawDocument) => ({ url: d.url, title: d.title, body: d.body, author: d.author, publishedAt: d.publishedAt, sourceType: d.sourceType });

describe('rss / atom sources', () => {
  it('rss without follow keeps the feed items (summary as body), drops the off-topic one', async () => {
    const { docs, summary } = await crawl(source({ type: 'rss', feedUrls: ['{{baseUrl}}/rss.xml'] }));
    const b = site.baseUrl;
    expect(docs.map(pick)).toEqual([
      { url: `${b}/articles/n1.html`, title: '微商面膜致过敏，消费者维权三个月', body: '消费者张女士在朋友圈购买面膜后过敏，找微商退款被拒。', author: hashAuthor('记者 李明', 'salt'), publishedAt: '2024-03-04T09:30:00+08:00', sourceType: 'rss' },
      { url: `${b}/articles/n2.html`, title: '警方破获一起以微商为名的传销案', body: '该团伙以招代理为名要求缴纳入门费&发展下线。', author: hashAuthor('记者 王芳', 'salt'), publishedAt: '2024-03-03T16:00:00+08:00', sourceType: 'rss' },
    ]);
    expect(summary).toMatchObject({ pagesFetched: 1, documentsEmitted: 2, errors: [] });
    expect(summary.skipped.offTopic).toBe(1);
  });

  it('rss with follow reads the full articles; the next run fetches none of them again', async () => {
    const seenSet = new MemorySeenSet();
    const s = source({ type: 'rss', feedUrls: ['{{baseUrl}}/rss.xml'], follow: true, detail });
    const { docs, summary } = await crawl(s, seenSet);
    const b = site.baseUrl;
    expect(docs.map(pick)).toEqual([
      { url: `${b}/articles/n1.html`, title: '微商面膜致过敏，消费者维权三个月', body: '消费者张女士在朋友圈购买了一款面膜，使用后面部过敏。\n\n她联系微商要求退款，对方以“个人体质”为由拒绝。', author: hashAuthor('记者 李明', 'salt'), publishedAt: '2024-03-04T09:30:00+08:00', sourceType: 'rss' },
      { url: `${b}/articles/n2.html`, title: '警方破获一起以微商为名的传销案', body: '该团伙以招代理为名，要求新人缴纳入门费并发展下线。\n\n目前案件正在进一步审理中。', author: hashAuthor('记者 王芳', 'salt'), publishedAt: '2024-03-03T16:00:00+08:00', sourceType: 'rss' },
    ]);
    expect(summary).toMatchObject({ pagesFetched: 4, documentsEmitted: 2 });
    expect(summary.skipped.offTopic).toBe(1);

    hits.length = 0;
    const second = await crawl(s, seenSet);
    expect(second.docs).toEqual([]);
    expect(second.summary.skipped.seen).toBe(3);
    expect(hits.filter((p) => p.startsWith('/articles/'))).toEqual([]);
  });

  it('atom entries: html content cleaned, alternate link canonicalized, published date used', async () => {
    const { docs, summary } = await crawl(source({ type: 'atom', feedUrls: ['{{baseUrl}}/atom.xml'] }));
    expect(docs.map(pick)).toEqual([
      { url: `${site.baseUrl}/articles/n1.html`, title: '微商面膜致过敏，消费者维权三个月', body: '消费者在朋友圈买面膜后过敏。\n\n微商拒绝退款。', author: hashAuthor('记者 李明', 'salt'), publishedAt: '2024-03-04T09:30:00+08:00', sourceType: 'atom' },
    ]);
    expect(summary.skipped.offTopic).toBe(1);
  });
});
