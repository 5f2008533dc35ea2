import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../../../analysis/errors.js';
import { createSegmenter } from '../../../../analysis/segment.js';
import { FEATURE_LAYOUT } from '../../../../analysis/sentiment/hashed-features.js';
import { createHashedModel } from '../../../../analysis/sentiment/hashed-model.js';
import { loadLexicon } from '../../../../analysis/sentiment/lexicon.js';
import { decodeModel, encodeModel, type ModelHeader } from '../../../../analysis/sentiment/model-file.js';
import type { LabeledRow } from '../../../../analysis/sentiment/train/labeled-rows.js';
import { prepareRows } from '../../../../analysis/sentiment/train/prepare-inputs.js';
import { defaultRecipe, trainSentimentModel } from '../../../../analysis/sentiment/train/train-sentiment-model.js';

const segmenter = createSegmenter();
const lexicon = loadLexicon();

// A tiny hand-written corpus (not from any dataset), enough to check the mechanics, not the accuracy.
const pos = ['质量很好，很满意', '客服耐心，推荐购买', '物流很快，包装完好', '效果不错，会回购', '正品，价格实惠', '用着舒服，喜欢'];
const neg = ['质量太差，很失望', '客服不理人，退款难', '发货慢，包装破损', '用了过敏，后悔', '假货，被骗了', '囤货卖不出去，亏钱'];
const rows: LabeledRow[] = [
  ...pos.map((text) => ({ label: 'pos' as const, y: 1, text, source: 'unit' })),
  ...neg.map((text) => ({ label: 'neg' as const, y: 0, text, source: 'unit' })),
];
const recipe = { ...defaultRecipe, bits: 12, epochs: 8, combinerHoldout: 0.3 };

describe('sentiment model training', () => {
  it('is reproducible: same rows and recipe give the same bytes', () => {
    const prepared = prepareRows(rows, segmenter, lexicon);
    const a = trainSentimentModel(prepared, recipe, [...lexicon.negators]);
    const b = trainSentimentModel(prepareRows(rows, segmenter, lexicon), recipe, [...lexicon.negators]);
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const c = trainSentimentModel(prepared, { ...recipe, seed: recipe.seed + 1 }, [...lexicon.negators]);
    expect(Buffer.compare(a.bytes, c.bytes)).not.toBe(0);
  });

  it('learns its training rows and round-trips through the model file', () => {
    const prepared = prepareRows(rows, segmenter, lexicon);
    const trained = trainSentimentModel(prepared, recipe, [...lexicon.negators]);
    const model = createHashedModel(decodeModel(trained.bytes), trained.bytes);
    const right = prepared.filter((r) => (model.logit(r.input) > 0 ? 1 : 0) === r.y).length;
    expect(right).toBeGreaterThanOrEqual(11);
    expect(model.version).toMatch(/^1\.[0-9a-f]{6}$/);
  });
});

describe('model file', () => {
  const header: ModelHeader = {
    format: 'pulse-sentiment-hashed-lr',
    release: '9',
    layout: FEATURE_LAYOUT,
    bits: 4,
    binary: false,
    bias: 0.5,
    scale: 1,
    negators: ['不'],
    combine: { bias: 0, model: 1, lexicon: 0, emoticons: 0 },
    training: {},
  };

  it('stores int8 weights with a scale', () => {
    const weights = Float32Array.from({ length: 16 }, (_v, i) => (i - 8) / 4);
    const data = decodeModel(encodeModel(header, weights));
    expect(data.header.bias).toBe(0.5);
    data.quantized.forEach((q, i) => expect(Math.abs(q * data.header.scale - weights[i]!)).toBeLessThan(data.header.scale));
  });

  it('rejects a file that is not a model, or is cut short', () => {
    const bytes = encodeModel(header, new Float32Array(16));
    for (const bad of [Buffer.from('hello world'), bytes.subarray(0, bytes.length - 3)]) {
      expect(() => decodeModel(bad)).toThrowError(AnalysisError);
      try {
        decodeModel(bad);
      } catch (e) {
        expect((e as AnalysisError).code).toBe('ANALYSIS_RESOURCE_INVALID');
      }
    }
  });

  it('refuses a model trained on another feature layout', () => {
    const bytes = encodeModel({ ...header, layout: 'h0:other' }, new Float32Array(16));
    expect(() => createHashedModel(decodeModel(bytes), bytes)).toThrowError(/uses features h0:other/);
  });
});
