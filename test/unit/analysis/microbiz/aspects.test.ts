import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AspectRulesFile, compileAspectRules, detectAspects, readRulesFile, sentenceBounds } from '../../../../analysis/microbiz/index.js';
import { createAnalyzer } from '../../../../analysis/index.js';

// A transparent scorer for attribution checks: which sentences reach each aspect's sentiment call.
const polarity = (span: string): number => (/[好赞值]/.test(span) ? 0.8 : /[坑差难亏]/.test(span) ? -0.8 : 0);
const names = (text: string): string[] => detectAspects([], text, () => 0).map((a) => a.name).sort();

describe('detectAspects', () => {
  it('finds several aspects in one post, each scored on its own sentences', () => {
    const aspects = detectAspects([], '这个面霜的质量真的好。可是申请退款太难了，客服一直拖。', polarity);
    const byName = Object.fromEntries(aspects.map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(['quality', 'refunds']);
    expect(byName['quality']).toMatchObject({ score: 0.8, label: 'pos' });
    expect(byName['refunds']).toMatchObject({ score: -0.8, label: 'neg' });
    expect(byName['refunds']?.terms).toContain('退款');
    for (const a of aspects) expect(a.confidence).toBeGreaterThan(0.5);
  });

  it('recognises each aspect from everyday wording', () => {
    expect(names('上线天天让我们去发展下线，拉人头拉到亲戚都不理我')).toContain('recruiting');
    expect(names('客厅里压货压了十几箱，卖不出去')).toContain('stockpiling');
    expect(names('干了半年还没回本，倒贴了好几千')).toContain('income');
    expect(names('用完脸上过敏起红疹，查了是三无产品')).toContain('quality');
    expect(names('交了入门费才能拿代理，这不就是传销吗')).toContain('legality');
    expect(names('每天刷屏发广告，结果微信号被封了')).toContain('platform');
    expect(names('打了12315投诉，商家才同意退货')).toContain('refunds');
    expect(names('钱一转过去人就跑路了，纯纯的骗子')).toContain('trust');
  });

  it('reports nothing for text off the topic, and does not count excluded phrases', () => {
    expect(names('今天天气不错，我们去公园散步吧')).toEqual([]);
    expect(names('幸亏当时没答应她')).toEqual([]);
  });

  it('needs enough evidence: one weak hint is not an aspect', () => {
    expect(names('我看了一下朋友圈')).toEqual([]);
    expect(names('朋友圈里天天刷屏')).toEqual(['platform']);
  });

  it('accepts a full Sentiment from the scorer and keeps its label and confidence', () => {
    const [a] = detectAspects([], '质量不错', () => ({ score: 0.1, label: 'neu', confidence: 0.9 }));
    expect(a).toMatchObject({ name: 'quality', score: 0.1, label: 'neu' });
  });

  it('matches whole-token words only against tokens', () => {
    expect(names('货')).toEqual([]);
    const withTokens = detectAspects(['货', '货'], '还有很多货，全是货', () => 0).map((a) => a.name);
    expect(withTokens).toEqual(['stockpiling']);
  });

  it('splits sentences on Chinese and ASCII enders', () => {
    expect(sentenceBounds('一。二！三?四')).toEqual([0, 2, 4, 6, 7]);
    expect(sentenceBounds('')).toEqual([0]);
  });

  it('loads vocabulary from a versioned data file and names a malformed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aspects-'));
    try {
      const good = join(dir, 'aspects.v9.json');
      writeFileSync(good, JSON.stringify({ version: 'aspects.v9', threshold: 1, aspects: { trust: { terms: { 靠不住: 1 } } } }));
      const rules = compileAspectRules(readRulesFile(AspectRulesFile, good));
      expect(rules.version).toBe('aspects.v9');
      expect(detectAspects([], '这人靠不住', () => 0, rules).map((a) => a.name)).toEqual(['trust']);
      const bad = join(dir, 'aspects.bad.json');
      writeFileSync(bad, JSON.stringify({ version: 'x', threshold: 1, aspects: { weather: { terms: {} } } }));
      expect(() => readRulesFile(AspectRulesFile, bad)).toThrow(expect.objectContaining({ code: 'ANALYSIS_RESOURCE_INVALID' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aspects through the real analyzer', () => {
  const analyzer = createAnalyzer();
  const doc = (body: string) =>
    analyzer.analyze({
      docId: 'a'.repeat(40),
      sourceId: 'unit',
      url: 'https://example.com/1',
      title: '',
      body,
      publishedAt: null,
      author: null,
      fetchedAt: '2026-11-21T08:00:00+08:00',
      contentHash: 'b'.repeat(40),
      topics: [],
      sourceType: 'html',
    });

  it('scores each aspect with the analyzer sentiment of its own sentences', () => {
    const out = doc('这家的蜂蜜质量很好，味道很纯，非常满意。但是上次退款拖了一个月都没退，太让人生气了！');
    const byName = Object.fromEntries(out.aspects.map((a) => [a.name, a]));
    expect(byName['quality']?.label).toBe('pos');
    expect(byName['refunds']?.label).toBe('neg');
    expect(out.analysisVersion).toContain('mb:aspects.v1+speaker.v3+mh2');
  });
});
