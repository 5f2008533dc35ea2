import { describe, expect, it } from 'vitest';
import { createSegmenter } from '../../../../analysis/segment.js';
import { loadLexicon } from '../../../../analysis/sentiment/lexicon.js';
import { scoreLexicon } from '../../../../analysis/sentiment/lexicon-scorer.js';

const segmenter = createSegmenter();
const lexicon = loadLexicon();
const score = (text: string, emoticons: string[] = []) => scoreLexicon(segmenter.cut(text), emoticons, lexicon);

describe('lexicon scorer: negation', () => {
  it('flips a positive word after 不/没有', () => {
    expect(score('这款面膜我很喜欢').raw).toBeGreaterThan(0);
    expect(score('这款面膜我不喜欢').raw).toBeLessThan(0);
    expect(score('用了一个月，效果没有想象的好').raw).toBeLessThan(0);
  });

  it('flips a negative word into a mild positive', () => {
    const notBad = score('质量并不差').raw;
    expect(notBad).toBeGreaterThan(0);
    expect(notBad).toBeLessThan(Math.abs(score('质量很差').raw));
  });

  it('does not let a negator reach across a clause boundary', () => {
    expect(score('不是我说，这家店的服务真好').raw).toBeGreaterThan(0);
  });
});

describe('lexicon scorer: degree adverbs', () => {
  it('strengthens with 非常/特别 and weakens with 有点/稍微', () => {
    const plain = score('客服态度好').raw;
    expect(score('客服态度非常好').raw).toBeGreaterThan(plain);
    expect(Math.abs(score('价格有点贵').raw)).toBeLessThan(Math.abs(score('价格贵').raw));
  });

  it('reads 不+太 as "not very": weakly negative, weaker than the plain word', () => {
    const r = score('这次物流不太快').raw;
    expect(r).toBeLessThan(0);
    expect(Math.abs(r)).toBeLessThan(Math.abs(score('这次物流快').raw));
    expect(score('这次物流不快').raw).toBeLessThan(r);
  });
});

describe('lexicon scorer: contrast', () => {
  it('lets the clause after 但是 decide', () => {
    expect(score('包装很漂亮，但是用了就过敏，太失望了').raw).toBeLessThan(0);
    expect(score('虽然价格有点贵，但是效果真的不错').raw).toBeGreaterThan(0);
  });

  it('treats 不过 like 但是', () => {
    expect(score('发货很快，不过东西是假货').raw).toBeLessThan(0);
  });
});

describe('lexicon scorer: emoticons and emoji', () => {
  it('counts Weibo emoticons and emoji by their polarity, each at most three times', () => {
    expect(score('今天收到货了', ['[哈哈]']).raw).toBeGreaterThan(0);
    expect(score('今天收到货了', ['[泪]', '😭']).raw).toBeLessThan(0);
    const many = score('', Array(10).fill('[怒]')).raw;
    expect(many).toBeCloseTo(3 * score('', ['[怒]']).raw, 9);
  });
});

describe('lexicon scorer: explanations', () => {
  it('says which words moved the score, with their modifiers, summing to the raw score', () => {
    const r = score('质量不太好，但是客服非常耐心', ['[赞]']);
    const terms = r.evidence.map((e) => e.term);
    expect(terms).toEqual(expect.arrayContaining(['不太好', '非常+耐心', '[赞]']));
    const sum = r.evidence.reduce((s, e) => s + e.weight, 0);
    expect(sum).toBeCloseTo(r.raw, 9);
    expect(r.emoticonRaw).toBeGreaterThan(0);
  });

  it('scores words without opinion as 0, with no evidence', () => {
    const r = score('我今天下午去了一趟邮局');
    expect(r.raw).toBe(0);
    expect(r.evidence).toEqual([]);
  });
});
