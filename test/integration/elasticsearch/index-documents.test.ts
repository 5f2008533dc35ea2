import { afterAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';
import { ServiceError } from '../../../infra/errors.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('es-index');
const config = { ...ns.config, indexBatchSize: 3 };
const es = createEsClient(config);

const fresh = testNamespace('es-index-first-use');

afterAll(async () => {
  await dropNamespace(es, fresh.config.indexPrefix);
  await dropNamespace(es, config.indexPrefix);
  await es.close();
});

describe('ensureIndex', () => {
  it('creates a versioned index behind the alias, then is idempotent', async () => {
    const first = await ensureIndex(es, config);
    expect(first).toEqual({ alias: `${config.indexPrefix}-posts`, index: `${config.indexPrefix}-posts-v1`, created: true });
    const second = await ensureIndex(es, config);
    expect(second).toEqual({ ...first, created: false });
    const mapping = await es.indices.getMapping({ index: first.alias });
    const props = mapping[first.index]?.mappings.properties ?? {};
    expect(props['tokens']).toMatchObject({ type: 'text', analyzer: 'whitespace' });
    expect(props['aspects']).toMatchObject({ type: 'nested' });
    expect(props['clusterId']).toMatchObject({ type: 'keyword' });
    expect(props['@timestamp']).toMatchObject({ type: 'date' });
  });
});

describe('indexDocuments', () => {
  const docs = Array.from({ length: 10 }, (_, i) => makeAnalyzedDocument({ n: i, tokens: ['微商', '代理', `词${i}`, '退款'] }));

  it('indexes every document with _id = docId, and re-running overwrites instead of duplicating', async () => {
    await ensureIndex(es, config);
    const first = await indexDocuments(es, config, docs, { refresh: true });
    expect(first).toEqual({ indexed: 10, failed: [] });
    const again = await indexDocuments(es, config, docs, { refresh: true });
    expect(again.indexed).toBe(10);
    const { count } = await es.count({ index: `${config.indexPrefix}-posts` });
    expect(count).toBe(10);
    const stored = await es.get<{ docId: string; tokens: string; '@timestamp': string }>({ index: `${config.indexPrefix}-posts`, id: docs[3]!.docId });
    expect(stored._source?.docId).toBe(docs[3]!.docId);
    expect(stored._source?.tokens).toBe('微商 代理 词3 退款');
    expect(stored._source?.['@timestamp']).toBe('2026-11-20T10:00:00+08:00');
  });

  it('keeps jieba segmentation searchable: whitespace analyzer matches whole tokens and phrases', async () => {
    const alias = `${config.indexPrefix}-posts`;
    const phrase = await es.count({ index: alias, query: { match_phrase: { tokens: '微商 代理' } } });
    expect(phrase.count).toBe(10);
    const reversed = await es.count({ index: alias, query: { match_phrase: { tokens: '代理 微商' } } });
    expect(reversed.count).toBe(0);
    // "微" alone is not a token: the standard analyzer would match it, the whitespace one must not.
    const partial = await es.count({ index: alias, query: { match: { tokens: '微' } } });
    expect(partial.count).toBe(0);
  });

  it('returns a mapping conflict as a non-retryable failure with its reason, and indexes the rest', async () => {
    const good = makeAnalyzedDocument({ n: 'good-1' });
    const bad = { ...makeAnalyzedDocument({ n: 'bad-1' }), sentiment: { score: 'very negative', label: 'neg', confidence: 1 } } as unknown as AnalyzedDocument;
    const result = await indexDocuments(es, config, [good, bad], { refresh: true });
    expect(result.indexed).toBe(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ docId: bad.docId, status: 400, retryable: false });
    expect(result.failed[0]!.reason).toMatch(/sentiment\.score/);
  });

  it('creates the versioned index behind the alias on first use instead of letting ES guess a concrete index', async () => {
    const result = await indexDocuments(es, fresh.config, docs.slice(0, 4), { refresh: true });
    expect(result).toEqual({ indexed: 4, failed: [] });
    const aliases = await es.indices.getAlias({ name: `${fresh.config.indexPrefix}-posts` });
    expect(Object.keys(aliases)).toEqual([`${fresh.config.indexPrefix}-posts-v1`]);
    const mapping = await es.indices.getMapping({ index: `${fresh.config.indexPrefix}-posts` });
    expect(Object.values(mapping)[0]!.mappings.properties!['aspects']).toMatchObject({ type: 'nested' });
  });

  it('throws a typed, retryable ES_UNAVAILABLE naming the URL without credentials and the start command', async () => {
    const down = createEsClient({ ...config, elasticsearchUrl: 'http://elastic:s3cret@127.0.0.1:9' }, { maxRetries: 0 });
    const error = await indexDocuments(down, { ...config, elasticsearchUrl: 'http://elastic:s3cret@127.0.0.1:9' }, docs.slice(0, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    const e = error as ServiceError;
    expect(e.code).toBe('ES_UNAVAILABLE');
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('http://127.0.0.1:9');
    expect(e.message).toContain('node workers/cli/pulse.mjs services up');
    expect(e.message).not.toContain('s3cret');
    await down.close();
  });
});
