/**
 * The html source type crawls the bundled demo site (served on 127.0.0.1) into exactly the on-topic articles, and a
 * second run with the real Redis seen-set emits nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { crawlSource, loadSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { hashAuthor } from '../../../crawlers/document-ids.js';
import { RedisSeenSet } from '../../../infra/redis/seen-set-store.js';
import { demoArticles } from '../../../infra/demo-site/demo-articles.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';
import { testNamespace } from '../../helpers/test-namespace.js';

const ns = testNamespace('demo-crawl');
const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'test-salt', allowPrivateAddresses: ['127.0.0.1'] };
let site: ServedSite;
let redis: Redis;
let source: SourceConfig;

beforeAll(async () => {
  site = await serveFixtureSite('demo');
  redis = new Redis(ns.config.redisUrl);
  [source] = loadSources('infra/demo-site/demo.sources.yaml', { baseUrl: site.baseUrl }) as [SourceConfig];
});

afterAll(async () => {
  await new RedisSeenSet(redis, ns.config.queuePrefix).clear(source.id);
  redis.disconnect();
  await site.close();
});

describe('demo site, html source', () => {
  it('emits every on-topic article once, with clean text, Shanghai dates and hashed authors; a second run emits none', async () => {
    const seenSet = new RedisSeenSet(redis, ns.config.queuePrefix);
    const docs: RawDocument[] = [];
    const summary = await crawlSource(source, options, { seenSet, sink: async (batch) => void docs.push(...batch) });

    const onTopic = demoArticles.map((a, i) => ({ a, id: `a${String(i + 1).padStart(3, '0')}` })).filter(({ a }) => a.kind !== 'offtopic');
    expect(summary).toMatchObject({ pagesFetched: 4 + demoArticles.length, documentsEmitted: onTopic.length, errors: [] });
    expect(summary.skipped).toMatchObject({ offTopic: 4, robots: 1, offDomain: 1, seen: 0, error: 0 });
    const byUrl = new Map(docs.map((d) => [d.url, d]));
    expect(byUrl.size).toBe(onTopic.length);
    for (const { a, id } of onTopic) {
      const doc = byUrl.get(`${site.baseUrl}/articles/${id}.html`);
      expect(doc, id).toBeDefined();
      expect(doc?.title).toBe(a.title);
      expect(doc?.body).toBe(a.paragraphs.map((p) => p.replace(/&nbsp;/g, ' ').replace(/<br>/g, '\n')).join('\n\n'));
      expect(doc?.publishedAt).toBe(`${a.at.replace(' ', 'T')}:00+08:00`);
      expect(doc?.author).toBe(hashAuthor(a.author, 'test-salt'));
      expect(doc?.sourceType).toBe('html');
    }
    // Tracking parameters and fragments of list links are gone from the canonical URLs.
    expect(docs.every((d) => !d.url.includes('utm_') && !d.url.includes('#'))).toBe(true);

    const again: RawDocument[] = [];
    const second = await crawlSource(source, options, { seenSet, sink: async (batch) => void again.push(...batch) });
    expect(again).toEqual([]);
    expect(second.documentsEmitted).toBe(0);
    expect(second.pagesFetched).toBe(4);
    expect(second.skipped.seen).toBe(demoArticles.length);
  });
});
