import { describe, expect, it } from 'vitest';
import { AnalyzedDocument, createAnalyzer } from '../../../analysis/index.js';
import type { RawDocument } from '../../../crawlers/raw-document.js';

const analyzer = createAnalyzer();

function rawDoc(title: string, body: string): RawDocument {
  return {
    docId: 'c3499c2729730aeb8e1b2d9b6d0e3e8b0c9a1f11',
    sourceId: 'unit',
    url: 'https://example.com/post/1',
    title,
    body,
    publishedAt: '2026-11-20T08:00:00+08:00',
    author: null,
    fetchedAt: '2026-11-21T08:00:00+08:00',
    contentHash: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
    topics: ['微商'],
    sourceType: 'html',
  };
}

describe('createAnalyzer().analyze', () => {
  it('turns a raw document into a valid AnalyzedDocument without the clear body', () => {
    const out = analyzer.analyze(rawDoc('她做微商三个月', '朋友圈天天刷屏招代理，结果囤货压货，钱全亏了，太坑了'), new Date('2026-11-21T09:00:00Z'));
    const parsed = AnalyzedDocument.parse(out);
    expect('body' in parsed).toBe(false);
    expect(parsed.sentiment.label).toBe('neg');
    expect(parsed.tokens).toEqual(expect.arrayContaining(['微商', '朋友圈', '刷屏', '招代理', '囤货', '压货']));
    expect(parsed.analysisVersion).toBe(analyzer.version);
    expect(parsed.analysisVersion).toMatch(/^seg:jieba-3\.5\.8\+dict:1\.[0-9a-f]{6}\|lex:2\.[0-9a-f]{6}\|model:2\.[0-9a-f]{6}\|/);
    expect(parsed.analyzedAt).toBe('2026-11-21T09:00:00.000Z');
  });

  it('fills the micro-business fields (speaker with a confidence, provisional own cluster, no redactions)', () => {
    const out = analyzer.analyze(rawDoc('标题', '这款面膜用了一个月，皮肤好多了'));
    expect(out.speaker.confidence).toBeGreaterThan(0);
    expect(out.clusterId).toBe(out.docId);
    expect(out.redactions).toEqual({ contacts: 0 });
  });

  it.each([
    ['empty', '', '', 'empty'],
    ['non-Chinese', 'Weekly update', 'Nothing to report here.', 'no_chinese'],
    ['binary junk', '', '\u0000\u0001\u0002\u0003\u0004\u0005PK\u0003\u0004\u0000\u0000\ufffd\ufffd', 'binary_junk'],
    ['lone surrogates', '标题\uD800', '好\uDC00东西', 'lone_surrogates'],
  ])('gives a defined, valid result with a flag for %s input', (_name, title, body, flag) => {
    const out = AnalyzedDocument.parse(analyzer.analyze(rawDoc(title, body)));
    expect(out.flags).toContain(flag);
    expect(Number.isFinite(out.sentiment.score)).toBe(true);
  });

  it('truncates 1 MB of text and flags it, in bounded time', () => {
    const body = '这个产品很好用，'.repeat(140_000);
    const started = performance.now();
    const out = AnalyzedDocument.parse(analyzer.analyze(rawDoc('长文', body)));
    expect(out.flags).toContain('truncated');
    expect(out.text.length).toBeLessThanOrEqual(50_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
