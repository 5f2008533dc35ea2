import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../../analysis/errors.js';
import { createSegmenter, mergeAsciiRuns } from '../../../analysis/segment.js';

const segmenter = createSegmenter();

describe('createSegmenter', () => {
  it('keeps the micro-business vocabulary whole', () => {
    const words = segmenter.cut('她在朋友圈刷屏招代理，让下线囤货压货，其实就是拉人头割韭菜，卖的还是三无产品');
    for (const term of ['朋友圈', '刷屏', '招代理', '下线', '囤货', '压货', '拉人头', '割韭菜', '三无产品']) expect(words).toContain(term);
  });

  it('keeps Latin words and numbers whole', () => {
    expect(segmenter.cut('iPhone12只要3.5折，投诉打12315')).toEqual(['iPhone12', '只要', '3.5', '折', '，', '投诉', '打', '12315']);
  });

  it('drops stop words and punctuation from content tokens but keeps sentiment words', () => {
    const tokens = segmenter.contentTokens(segmenter.cut('这个面膜真的不好用，我们都很失望！'));
    expect(tokens).toEqual(expect.arrayContaining(['面膜', '不好', '失望']));
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('我们');
  });

  it('can be created again with the same dictionaries (same process-wide nodejieba)', () => {
    expect(createSegmenter().version).toBe(segmenter.version);
  });

  it('refuses a second load with other dictionaries: nodejieba is process-global', () => {
    let error: unknown;
    try {
      createSegmenter({ userDicts: [] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnalysisError);
    expect((error as AnalysisError).code).toBe('SEGMENTER_DICT_CONFLICT');
    expect((error as AnalysisError).retryable).toBe(false);
  });

  it('returns no words for empty text', () => {
    expect(segmenter.cut('')).toEqual([]);
  });
});

describe('mergeAsciiRuns', () => {
  it('joins single ASCII letters/digits and a decimal point between digits, nothing else', () => {
    expect(mergeAsciiRuns(['加', 'v', 'x', '1', '2', '3', '.', '很', '好', '3', '.', '5'])).toEqual(['加', 'vx123', '.', '很', '好', '3.5']);
  });
});
