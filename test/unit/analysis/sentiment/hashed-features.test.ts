import { describe, expect, it } from 'vitest';
import { createFeatureBuffer, extractFeatures, type FeatureBuffer, type FeatureOptions } from '../../../../analysis/sentiment/hashed-features.js';
import { scoreLexicon } from '../../../../analysis/sentiment/lexicon-scorer.js';
import { loadLexicon } from '../../../../analysis/sentiment/lexicon.js';
import { createSegmenter } from '../../../../analysis/segment.js';

const segmenter = createSegmenter();
const lexicon = loadLexicon();
const options: FeatureOptions = { bits: 21, negators: new Set(['不', '没', '没有', '别']) };

function features(plain: string, emoticons: string[], buf: FeatureBuffer, binary = false): number[] {
  const words = segmenter.cut(plain);
  const lexiconHits = scoreLexicon(words, emoticons, lexicon, false).hits;
  const out = extractFeatures({ words, plain, emoticons, lexiconHits }, { ...options, binary }, buf);
  return Array.from(out.indices.subarray(0, out.count));
}

describe('extractFeatures buffer', () => {
  const long = '这个面膜真的不好用，但是客服态度很好！退款也很快。'.repeat(80);
  const texts: [string, string[]][] = [
    ['今天终于收到货了，质量不错', ['[哈哈]', '👍']],
    ['不太好用。没有效果，别买', []],
    [long, ['[泪]']],
    ['', ['[怒]']],
  ];

  it('gives the same features in a buffer that must grow (several times) as in a roomy one', () => {
    for (const [plain, emoticons] of texts) {
      for (const binary of [false, true]) {
        const tiny: FeatureBuffer = { indices: new Int32Array(1), count: 0 };
        const got = features(plain, emoticons, tiny, binary);
        expect(got).toEqual(features(plain, emoticons, createFeatureBuffer(), binary));
        expect(tiny.indices.length).toBeGreaterThanOrEqual(got.length);
      }
    }
    expect(features(long, [], createFeatureBuffer()).length).toBeGreaterThan(4096); // beyond the initial capacity
  });

  it('reuses the buffer: a short text after a long one gives only its own features', () => {
    const buf = createFeatureBuffer();
    features(long, ['[泪]'], buf);
    expect(features('不太好用', ['[哈哈]'], buf)).toEqual(features('不太好用', ['[哈哈]'], createFeatureBuffer()));
  });
});
