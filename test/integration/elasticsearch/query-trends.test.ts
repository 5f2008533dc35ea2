import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, ensureIndex, formatTrendTable, indexDocuments, queryTrends, type TrendRow } from '../../../infra/index.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('es-trends');
const config = ns.config;
const es = createEsClient(config);
const tz = 'Asia/Shanghai';

// A known week in Asia/Shanghai. Day 20 has a copy-paste wave (3 posts, one cluster) and a post at 23:30 local;
// day 21 has one just after local midnight (still the 20th in UTC); one seller ad that analyst views leave out.
const docs = [
  makeAnalyzedDocument({ n: 'a1', sourceId: 'forum-a', publishedAt: '2026-11-18T09:00:00+08:00', score: -0.8, label: 'neg', keywords: ['退款', '客服'], aspects: [{ name: 'refunds', label: 'neg', score: -0.8 }], analysisVersion: 'v1' }),
  makeAnalyzedDocument({ n: 'a2', sourceId: 'forum-a', publishedAt: '2026-11-18T10:00:00+08:00', score: 0.5, label: 'pos', keywords: ['代理'], analysisVersion: 'v1' }),
  makeAnalyzedDocument({ n: 'b1', sourceId: 'forum-b', publishedAt: '2026-11-20T08:00:00+08:00', score: -0.6, label: 'neg', keywords: ['囤货', '退款'], clusterId: 'wave', aspects: [{ name: 'refunds', label: 'neg', score: -0.7 }], analysisVersion: 'v2' }),
  makeAnalyzedDocument({ n: 'b2', sourceId: 'forum-b', publishedAt: '2026-11-20T09:00:00+08:00', score: -0.4, label: 'neg', keywords: ['囤货', '退款'], clusterId: 'wave', aspects: [{ name: 'refunds', label: 'neg', score: -0.5 }, { name: 'quality', label: 'pos', score: 0.6 }], analysisVersion: 'v2' }),
  makeAnalyzedDocument({ n: 'b3', sourceId: 'forum-b', publishedAt: '2026-11-20T10:00:00+08:00', score: 0, label: 'neu', keywords: ['囤货'], clusterId: 'wave', analysisVersion: 'v2' }),
  makeAnalyzedDocument({ n: 'b4', sourceId: 'forum-a', publishedAt: '2026-11-20T23:30:00+08:00', score: -0.2, label: 'neg', keywords: ['退款'], aspects: [{ name: 'refunds', label: 'pos', score: 0.3 }], analysisVersion: 'v2' }),
  makeAnalyzedDocument({ n: 'c1', sourceId: 'forum-a', publishedAt: '2026-11-21T00:30:00+08:00', score: 0.4, label: 'pos', keywords: ['代理'], topics: ['微商', '传销'], analysisVersion: 'v2' }),
  makeAnalyzedDocument({ n: 's1', sourceId: 'forum-b', publishedAt: '2026-11-20T12:00:00+08:00', score: 0.9, label: 'pos', keywords: ['招代理'], speaker: 'seller_ad', analysisVersion: 'v2' }),
];

beforeAll(async () => {
  await ensureIndex(es, config);
  const result = await indexDocuments(es, config, docs, { refresh: true });
  expect(result.failed).toEqual([]);
});

afterAll(async () => {
  await dropNamespace(es, config.indexPrefix);
  await es.close();
});

const byPeriod = (rows: TrendRow[]): Map<string, TrendRow> => new Map(rows.map((r) => [r.period.slice(0, 10), r]));

describe('queryTrends', () => {
  it('buckets days in Asia/Shanghai: 23:30+08:00 stays on the 20th, 00:30+08:00 goes to the 21st', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-19', to: '2026-11-22', excludeSellerAds: true });
    expect(rows.map((r) => r.period)).toEqual(['2026-11-19T00:00:00+08:00', '2026-11-20T00:00:00+08:00', '2026-11-21T00:00:00+08:00']);
    const day = byPeriod(rows);
    const d20 = day.get('2026-11-20')!;
    expect(d20.volume).toBe(4);
    expect(d20.distinctVoices).toBe(2);
    expect(d20.meanSentiment).toBeCloseTo((-0.6 - 0.4 + 0 - 0.2) / 4, 5);
    expect(d20.negativeShare).toBeCloseTo(3 / 4, 5);
    expect(d20.topKeywords[0]).toEqual({ keyword: '囤货', count: 3 });
    expect(d20.topKeywords[1]).toEqual({ keyword: '退款', count: 3 });
    expect(d20.analysisVersions).toEqual(['v2']);
    expect(day.get('2026-11-21')!.volume).toBe(1);
  });

  it('puts the same posts on other days in UTC', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: 'UTC', from: '2026-11-20T00:00:00Z', to: '2026-11-22T00:00:00Z', excludeSellerAds: true });
    const day = byPeriod(rows);
    expect(day.get('2026-11-20')!.volume).toBe(5);
    expect(rows[0]!.period).toBe('2026-11-20T00:00:00Z');
  });

  it('compares each period with the previous one, including the period before `from`', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-19', to: '2026-11-22', excludeSellerAds: true });
    const day = byPeriod(rows);
    const d19 = day.get('2026-11-19')!;
    expect(d19.volume).toBe(0);
    expect(d19.meanSentiment).toBeNull();
    expect(d19.change).toMatchObject({ volume: -2, volumeRatio: -1, negativeShare: null });
    expect(day.get('2026-11-20')!.change).toMatchObject({ volume: 4, volumeRatio: null });
    expect(day.get('2026-11-21')!.change!.volume).toBe(-3);
    expect(day.get('2026-11-21')!.change!.negativeShare).toBeCloseTo(0 - 3 / 4, 5);
  });

  it('counts seller ads only when asked to', async () => {
    const all = byPeriod(await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21' }));
    expect(all.get('2026-11-20')!.volume).toBe(5);
    const ads = byPeriod(await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21', speakerTypes: ['seller_ad'] }));
    expect(ads.get('2026-11-20')!.volume).toBe(1);
  });

  it('buckets hours and Monday-based weeks in the zone', async () => {
    const hours = await queryTrends(es, config, { interval: 'hour', timezone: tz, from: '2026-11-20T22:00', to: '2026-11-21T01:00', excludeSellerAds: true });
    expect(hours.map((r) => [r.period, r.volume])).toEqual([
      ['2026-11-20T22:00:00+08:00', 0],
      ['2026-11-20T23:00:00+08:00', 1],
      ['2026-11-21T00:00:00+08:00', 1],
    ]);
    const weeks = await queryTrends(es, config, { interval: 'week', timezone: tz, excludeSellerAds: true });
    expect(weeks.map((r) => [r.period, r.volume])).toEqual([['2026-11-16T00:00:00+08:00', 7]]);
  });

  it('groups by source and filters by source', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21', groupBy: 'source', excludeSellerAds: true });
    const vol = Object.fromEntries(rows.map((r) => [r.group, r.volume]));
    expect(vol).toEqual({ 'forum-b': 3, 'forum-a': 1 });
    const one = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21', sourceId: 'forum-a' });
    expect(one.map((r) => r.volume)).toEqual([1]);
  });

  it('groups by topic (a post with two topics counts in both) and filters by topic', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-21', to: '2026-11-22', groupBy: 'topic', excludeSellerAds: true });
    expect(Object.fromEntries(rows.map((r) => [r.group, r.volume]))).toEqual({ 微商: 1, 传销: 1 });
    const one = await queryTrends(es, config, { interval: 'week', timezone: tz, topic: '传销' });
    expect(one.map((r) => r.volume)).toEqual([1]);
  });

  it("uses each aspect's own sentiment for its negative share (nested, not the document's)", async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21', groupBy: 'aspect', excludeSellerAds: true });
    const refunds = rows.find((r) => r.group === 'refunds')!;
    expect(refunds.sentimentBasis).toBe('aspect');
    expect(refunds.volume).toBe(3);
    expect(refunds.negativeShare).toBeCloseTo(2 / 3, 5);
    expect(refunds.meanSentiment).toBeCloseTo((-0.7 - 0.5 + 0.3) / 3, 5);
    const quality = rows.find((r) => r.group === 'quality')!;
    expect(quality.negativeShare).toBe(0);
    expect(rows.some((r) => r.group === 'trust')).toBe(false);
    const filtered = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-20', to: '2026-11-21', aspect: 'refunds', excludeSellerAds: true });
    expect(filtered[0]!.negativeShare).toBeCloseTo(2 / 3, 5);
  });

  it('formats a table that keeps columns aligned with Chinese keywords', async () => {
    const rows = await queryTrends(es, config, { interval: 'day', timezone: tz, from: '2026-11-19', to: '2026-11-22', excludeSellerAds: true });
    const table = formatTrendTable(rows);
    expect(table).toContain('2026-11-20');
    expect(table).toContain('囤货(3)');
  });
});
