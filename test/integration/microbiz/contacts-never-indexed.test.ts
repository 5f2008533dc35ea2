import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createAnalyzer } from '../../../analysis/index.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { CONTACT_PLACEHOLDER } from '../../../analysis/microbiz/index.js';
import type { RawDocument } from '../../../crawlers/raw-document.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

// Real analyzer (normalization + redaction + jieba + micro-business step) → real Elasticsearch: contact ids must
// not be stored or searchable anywhere, while speaker and aspects are stored and filterable.
const ns = testNamespace('microbiz-contacts');
const es = createEsClient(ns.config);
const analyzer = createAnalyzer();
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

// [title, body, the identifiers in clear (digits joined, as someone would search for them)]
const posts: Array<[string, string, string[]]> = [
  ['招代理 加V：meimei_888', '宝妈在家也能做，不用囤货，月入过万！咨询薇信:hello_kitty9 或 QQ：1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', ['meimei_888', 'hello_kitty9', '12345678']],
  ['新品上市', '祛斑霜三十天见效，包邮，电话 138🌸1234🌸5678，邮箱 shop2024@qq.com，wxid_abcd1234 也可以', ['13812345678', 'shop2024', 'wxid_abcd1234']],
  ['退款难', '在朋友圈买的面膜过敏了，卖家手机１３９－０００１－２２３３，打了好几次都不接，退款也不给。', ['13900012233', '139-0001-2233', '2233']],
];
let analyzed: AnalyzedDocument[] = [];

function raw(i: number, title: string, body: string): RawDocument {
  return {
    docId: sha1(`contacts-${i}`),
    sourceId: 'microbiz-test',
    url: `https://example.com/p/${i}`,
    title,
    body,
    publishedAt: '2026-11-20T08:00:00+08:00',
    author: null,
    fetchedAt: '2026-11-20T09:00:00+08:00',
    contentHash: sha1(title + body),
    topics: [],
    sourceType: 'html',
  };
}

beforeAll(async () => {
  analyzed = posts.map(([title, body], i) => analyzer.analyze(raw(i, title, body)));
  await ensureIndex(es, ns.config);
  const result = await indexDocuments(es, ns.config, analyzed, { refresh: true });
  expect(result).toEqual({ indexed: posts.length, failed: [] });
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
});

describe('contact identifiers never reach Elasticsearch', () => {
  it('redacts them in the analyzed document and counts them', () => {
    expect(analyzed.map((d) => d.redactions.contacts)).toEqual([3, 3, 1]);
    for (const [i, doc] of analyzed.entries()) {
      const json = JSON.stringify(doc);
      for (const secret of (posts[i] as [string, string, string[]])[2]) expect(json).not.toContain(secret);
      expect(`${doc.title}${doc.text}`).toContain(CONTACT_PLACEHOLDER);
    }
  });

  it('stores no identifier in any stored _source', async () => {
    const res = await es.search({ index: `${ns.config.indexPrefix}-posts`, size: 10, query: { match_all: {} } });
    expect(res.hits.hits).toHaveLength(posts.length);
    const stored = JSON.stringify(res.hits.hits.map((h) => h._source));
    for (const [, , secrets] of posts) for (const secret of secrets) expect(stored).not.toContain(secret);
    // Text fields only: ids and hashes are hex and may hold any digit run.
    type Texts = { title: string; text: string; tokens: string; keywords: string[] };
    const texts = JSON.stringify(res.hits.hits.map((h) => h._source as Texts).map((s) => [s.title, s.text, s.tokens, s.keywords]));
    expect(texts).not.toMatch(/1[3-9]\d{9}|\d{5,}/);
    expect(texts).toContain(CONTACT_PLACEHOLDER);
  });

  it('finds no document when searching every field for an identifier', async () => {
    for (const [, , secrets] of posts) {
      for (const secret of secrets.filter((x) => x.length >= 8)) {
        const res = await es.search({
          index: `${ns.config.indexPrefix}-posts`,
          query: { query_string: { query: `"${secret}"`, fields: ['*'], lenient: true } },
        });
        expect(res.hits.hits, secret).toHaveLength(0);
      }
    }
  });

  it('stores speaker type and aspects so views can filter on them', async () => {
    const ads = await es.search({ index: `${ns.config.indexPrefix}-posts`, query: { term: { 'speaker.type': 'seller_ad' } } });
    const adIds = ads.hits.hits.map((h) => h._id).sort();
    // The complaint quoting the seller's phone is not an ad: a contact id alone never makes one. (Which voice it is,
    // is the learned model's call: trained on real passages it reads this short post as media — a known miss on
    // Moments-style posts, measured as the synthetic figure in analysis/microbiz/data/README.md.)
    expect(adIds).toEqual([analyzed[0]?.docId, analyzed[1]?.docId].sort());
    expect(analyzed[2]?.speaker.type).not.toBe('seller_ad');
    const refunds = await es.search({
      index: `${ns.config.indexPrefix}-posts`,
      query: { nested: { path: 'aspects', query: { term: { 'aspects.name': 'refunds' } } } },
    });
    expect(refunds.hits.hits.map((h) => h._id)).toEqual([analyzed[2]?.docId]);
  });
});
