import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('counts a repeated term at most twice per text, afresh for every text', () => {
    const confidence = (text: string) => detectAspects([], text, () => 0).map((a) => [a.name, a.confidence]);
    const once = confidence('退款太难了。');
    const twice = confidence('退款太难了。退款还没到。');
    expect(confidence('退款太难了。退款还没到。退款退款退款。')).toEqual(twice); // capped at two
    expect(twice).not.toEqual(once);
    // The counts of one text never leak into the next (each call starts from zero).
    expect(confidence('退款太难了。')).toEqual(once);
    expect(confidence('退款太难了。退款还没到。')).toEqual(twice);
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

describe('aspects.v2 vocabulary (classes of expression)', () => {
  const dataFile = (name: string): string => fileURLToPath(new URL(`../../../../analysis/microbiz/data/${name}`, import.meta.url));
  interface RawAspect {
    $classes: Record<string, string[]>;
    terms: Record<string, number>;
    words?: Record<string, number>;
    exclude?: string[];
  }
  const raw = (name: string) => JSON.parse(readFileSync(dataFile(name), 'utf8')) as { version: string; aspects: Record<string, RawAspect> };

  it('is the default, and keeps every v1 term, word and exclusion with its v1 weight', () => {
    const v1 = raw('aspects.v1.json');
    const v2 = raw('aspects.v2.json');
    expect(v2.version).toBe('aspects.v2');
    expect(compileAspectRules(readRulesFile(AspectRulesFile, dataFile('aspects.v1.json'))).version).toBe('aspects.v1');
    for (const [name, a1] of Object.entries(v1.aspects)) {
      const a2 = v2.aspects[name];
      expect(a2, name).toBeDefined();
      for (const [term, w] of Object.entries(a1.terms)) expect(a2?.terms[term], `${name} ${term}`).toBe(w);
      for (const [word, w] of Object.entries(a1.words ?? {})) expect(a2?.words?.[word], `${name} ${word}`).toBe(w);
      for (const ex of a1.exclude ?? []) expect(a2?.exclude).toContain(ex);
    }
  });

  it('lists every added term under a class of expression, and every class term is in the vocabulary', () => {
    const v1 = raw('aspects.v1.json');
    for (const [name, a2] of Object.entries(raw('aspects.v2.json').aspects)) {
      const classed = new Set(Object.values(a2.$classes).flat());
      for (const term of classed) expect(term in a2.terms || term in (a2.words ?? {}), `${name} ${term}`).toBe(true);
      const before = { ...v1.aspects[name]?.terms, ...v1.aspects[name]?.words };
      const added = [...Object.keys(a2.terms), ...Object.keys(a2.words ?? {})].filter((t) => !(t in before));
      for (const term of added) expect(classed.has(term), `${name} ${term} has no class`).toBe(true);
    }
  });

  it('recognises wording beyond v1 by class: reactions and ingredients, being strung along, groups and friend requests', () => {
    const v1 = compileAspectRules(readRulesFile(AspectRulesFile, dataFile('aspects.v1.json')));
    const cases: [string, string][] = [
      ['quality', '抹了一个礼拜脸上起疹子，翻过来看配料表全是防腐剂'],
      ['quality', '收到的外套做工粗糙，色差也很大'],
      ['trust', '之前说得好好的都是画大饼，收了钱就玩失踪'],
      ['platform', '一天到晚在群聊里群发，好友申请也停不下来'],
      ['legality', '组织者已被刑事拘留，检察院提起公诉'],
      ['refunds', '客服一直推诿扯皮，就是不肯补发'],
      ['stockpiling', '仓库里还有一堆滞销的存货'],
      ['income', '攒了好几年的积蓄全打水漂了'],
      ['recruiting', '在家就能做，有手机就行，有兴趣的来'],
    ];
    for (const [aspect, text] of cases) {
      expect(names(text), text).toContain(aspect);
      expect(detectAspects([], text, () => 0, v1).map((a) => a.name), `v1 ${text}`).not.toContain(aspect);
    }
  });

  it('keeps known false friends out: thanks for trust, receiving goods, leaving a group', () => {
    expect(names('今天又发了八十件，感谢信任')).not.toContain('trust');
    expect(names('收到货了，包装很严实')).not.toContain('stockpiling');
    expect(names('我直接退群了')).not.toContain('refunds');
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
    expect(out.analysisVersion).toMatch(/mb:aspects\.v2\+speaker\.v3\+microbiz\.v2\.[0-9a-f]{6}\+mh3$/);
  });
});
