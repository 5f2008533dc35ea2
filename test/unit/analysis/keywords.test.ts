import { describe, expect, it } from 'vitest';
import { createKeywordExtractor } from '../../../analysis/keywords.js';
import { createSegmenter } from '../../../analysis/segment.js';

const segmenter = createSegmenter();
const keywords = createKeywordExtractor({ exclude: ['联系方式'] });
const tokensOf = (text: string) => segmenter.contentTokens(segmenter.cut(text));

describe('keywords (TF-IDF with jieba IDF)', () => {
  it('ranks the topic words of a complaint first', () => {
    const top = keywords.extract(tokensOf('面膜用了三天就过敏烂脸，找上家退款，上家说是排毒反应，还把我拉黑了。这种面膜就是三无产品。'), 5);
    expect(top).toEqual(expect.arrayContaining(['面膜', '三无产品', '烂脸']));
    expect(top.length).toBe(5);
  });

  it('never returns single characters, numbers or excluded words, and is deterministic', () => {
    const tokens = tokensOf('加我 联系方式 2024 年 买 了 3 盒 面膜 面膜 好 差');
    const top = keywords.extract(tokens, 10);
    expect(top).toEqual(keywords.extract(tokens, 10));
    for (const w of top) {
      expect(w.length).toBeGreaterThan(1);
      expect(w).not.toMatch(/^\d+$/);
    }
    expect(top).not.toContain('联系方式');
    expect(top[0]).toBe('面膜');
  });

  it('gives nothing for nothing', () => {
    expect(keywords.extract([], 10)).toEqual([]);
  });
});
