/**
 * Crawls are independent: two sources crawled at the same time each get exactly their own documents (private
 * in-memory crawlee storage, no ./storage), and a sink failure stops the run with SINK_FAILED without marking the
 * lost documents as seen, so the next run hands them on.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, loadSources, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { demoArticles } from '../../../infra/demo-site/demo-articles.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

let demo: ServedSite;
let forum: ServedSite;
const onTopic = demoArticles.filter((a) => a.kind !== 'offtopic').length;
const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] };

beforeAll(async () => {
  [demo, forum] = await Promise.all([serveFixtureSite('demo'), serveFixtureSite('gbk-forum')]);
});
afterAll(async () => Promise.all([demo.close(), forum.close()]));

const demoSource = (): SourceConfig => loadSources('infra/demo-site/demo.sources.yaml', { baseUrl: demo.baseUrl })[0] as SourceConfig;
const forumSource = (): SourceConfig =>
  parseSources({
    sources: [{ id: 'forum', type: 'html', schedule: '0 0 * * *', topics: ['微商', '代理'], startUrls: [`${forum.baseUrl}/forum/index.html`], list: { itemLink: 'td.subject a', nextPage: 'a.nxt' }, detail: { title: '#thread_subject', body: '#post_1 .t_f' }, politeness: { maxRequestsPerMinute: 6000 } }],
  })[0] as SourceConfig;

describe('crawl isolation', () => {
  it('runs two crawls at once without sharing queues or storage', async () => {
    const a: RawDocument[] = [];
    const b: RawDocument[] = [];
    const [sa, sb] = await Promise.all([
      crawlSource(demoSource(), options, { seenSet: new MemorySeenSet(), sink: async (d) => void a.push(...d) }),
      crawlSource(forumSource(), options, { seenSet: new MemorySeenSet(), sink: async (d) => void b.push(...d) }),
    ]);
    expect([sa.documentsEmitted, a.length, new Set(a.map((d) => d.sourceId)).size]).toEqual([onTopic, onTopic, 1]);
    expect([sb.documentsEmitted, b.length, new Set(b.map((d) => d.sourceId)).size]).toEqual([4, 4, 1]);
    expect(a.every((d) => d.url.startsWith(demo.baseUrl))).toBe(true);
    expect(b.every((d) => d.url.startsWith(forum.baseUrl))).toBe(true);
    expect(existsSync('storage')).toBe(false);
  });

  it('a failing sink stops the run with SINK_FAILED and loses nothing for the next run', async () => {
    const seenSet = new MemorySeenSet();
    const failing = crawlSource(demoSource(), { ...options, batchSize: 5 }, { seenSet, sink: async () => Promise.reject(new Error('Redis went away')) });
    await expect(failing).rejects.toMatchObject({ code: 'SINK_FAILED', message: expect.stringContaining('Redis went away') });
    const docs: RawDocument[] = [];
    const summary = await crawlSource(demoSource(), options, { seenSet, sink: async (d) => void docs.push(...d) });
    expect(summary.documentsEmitted).toBe(onTopic);
    expect(new Set(docs.map((d) => d.docId)).size).toBe(onTopic);
  });
});
