import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../analysis/index.js';

const analyzer = createAnalyzer();
const sentimentOf = (text: string) => analyzer.analyzeText(text).sentiment;

// Sentences written for these tests (not from any corpus): plain consumer and agent voices about micro-business.
const positive = [
  '在朋友圈买的这款面霜真的很好用，皮肤滋润了很多，会回购',
  '客服态度特别好，耐心解答问题，发货也很快',
  '退款很顺利，两天就到账了，点赞',
  '这家代购很靠谱，东西都是正品，价格也实惠',
];
const negative = [
  '交了三万块代理费，货全压在家里卖不出去，血本无归',
  '面膜用完脸又红又痒，找上家退款还被拉黑了',
  '说好的七天无理由退货，结果客服一直不回消息，太坑了',
  '所谓月入过万全是骗人的，就是拉人头的传销',
];

describe('default sentiment (model + lexicon)', () => {
  it.each(positive)('labels a clearly positive post positive: %s', (text) => {
    const s = sentimentOf(text);
    expect(s.label).toBe('pos');
    expect(s.score).toBeGreaterThan(0);
  });

  it.each(negative)('labels a clearly negative post negative: %s', (text) => {
    const s = sentimentOf(text);
    expect(s.label).toBe('neg');
    expect(s.score).toBeLessThan(0);
  });

  it('moves with negation: 喜欢 vs 不喜欢, 推荐 vs 不推荐', () => {
    expect(sentimentOf('我喜欢这个颜色').label).toBe('pos');
    expect(sentimentOf('我不喜欢这个颜色').label).toBe('neg');
    expect(sentimentOf('朋友推荐的这家店，我也推荐').label).toBe('pos');
    expect(sentimentOf('这家店我不推荐，别买').label).toBe('neg');
  });

  it('moves with contrast: the clause after 但是 weighs more', () => {
    const praiseThenComplaint = sentimentOf('包装挺好看的，但是用了三天就过敏了，很失望');
    const complaintThenPraise = sentimentOf('用了三天有点过敏，但是客服马上给退了款，很满意');
    expect(praiseThenComplaint.label).toBe('neg');
    expect(complaintThenPraise.score).toBeGreaterThan(praiseThenComplaint.score);
  });

  it('hears emoticons as a signal on top of the words', () => {
    const plain = sentimentOf('今天终于收到货了').score;
    expect(sentimentOf('今天终于收到货了[哈哈]').score).toBeGreaterThan(plain);
    expect(sentimentOf('今天终于收到货了[泪]').score).toBeLessThan(plain);
  });

  it('keeps score, confidence and label consistent and in range', () => {
    for (const text of [...positive, ...negative, '', 'ok', '我在上班']) {
      const s = sentimentOf(text);
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      if (s.label === 'pos') expect(s.score).toBeGreaterThan(0);
      if (s.label === 'neg') expect(s.score).toBeLessThan(0);
    }
  });

  it('reports both layers and the evidence for one text', () => {
    const s = sentimentOf('客服态度非常差[怒]');
    expect(s.layers.model).not.toBeNull();
    expect(s.layers.lexicon).toBeLessThan(0);
    expect(s.evidence.map((e) => e.term)).toEqual(expect.arrayContaining(['非常+差', '[怒]']));
  });

  it('gives empty text a neutral score with zero confidence', () => {
    expect(sentimentOf('')).toMatchObject({ score: 0, label: 'neu', confidence: 0 });
  });
});
